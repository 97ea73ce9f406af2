import { describe, expect, it } from 'vitest';
import { buildHomeView, surfaceBars } from '../../reports/home/home-view.js';
import { checkLimits } from '../../reports/limits/slack-limits.js';
import { manySubscriptions, threeSubscriptions } from './digest-fixtures.js';
import { adoption, freshness, usage as usageFixture } from './figure-fixtures.js';

const homeLimits = (blocks: ReturnType<typeof buildHomeView>) =>
  checkLimits({ text: 'home', blocks, charts: [] }, { surface: 'home' });

describe('buildHomeView', () => {
  it('shows the week’s headline numbers and text bars, buttons only for admins', () => {
    const usage = { adoption: adoption('many'), usage: usageFixture('many'), freshness: freshness() };
    for (const isAdmin of [false, true]) {
      const blocks = buildHomeView({ usage, isAdmin });
      expect(checkLimits({ text: 'home', blocks, charts: [] }, { surface: 'home' })).toEqual([]);
      const json = JSON.stringify(blocks);
      expect(json).toContain('Last complete week');
      expect(json).toContain('█');
      expect(blocks.some((b) => b.type === 'actions')).toBe(isAdmin);
    }
  });

  it('from the warehouse, says "data through" once (App Home read "Data through Sun 6 Dec · … data through Sun 6 Dec")', () => {
    const stored = { ...freshness(), stored: 'synced 1 min ago · data through Sun 15 Nov' };
    const usage = { adoption: adoption('many'), usage: usageFixture('many'), freshness: stored };
    const json = JSON.stringify(buildHomeView({ usage, isAdmin: false }));
    expect(json).toContain(
      'Numbers for Sat–Sun may still change · Source: Codex Analytics API, synced 1 min ago · data through Sun 15 Nov',
    );
    expect(json).not.toContain('Data through');
  });

  it('says so when figures are unavailable', () => {
    const blocks = buildHomeView({ usage: null, isAdmin: false });
    expect(JSON.stringify(blocks)).toContain("aren't available");
  });

  it('scales bars to the busiest surface, and says when nobody was active', () => {
    expect(surfaceBars(adoption('many'))).toContain('█'.repeat(20));
    expect(surfaceBars(adoption('zero'))).toBe('No active Codex users last week.');
  });

  it('without the store, says nothing about scheduled digests', () => {
    const blocks = buildHomeView({ usage: null, isAdmin: true });
    expect(JSON.stringify(blocks)).not.toContain('Scheduled digests');
  });

  it('lists scheduled digests with their schedule and last runs; admins get how to manage them', () => {
    const usage = { adoption: adoption('many'), usage: usageFixture('many'), freshness: freshness() };
    for (const isAdmin of [false, true]) {
      const blocks = buildHomeView({ usage, isAdmin, digests: threeSubscriptions() });
      expect(homeLimits(blocks)).toEqual([]);
      const json = JSON.stringify(blocks);
      expect(json).toContain('*Scheduled digests*');
      expect(json).toContain('`d7k3q`* · <#C0GENERAL1> · every Monday at 09:00 Europe/Berlin');
      expect(json).toContain(':white_check_mark: delivered · Mon 23 Nov, 09:00');
      expect(json).toContain(':fast_forward: skipped: missed its slot');
      expect(json).toContain(':x: failed: the bot isn’t in the channel');
      expect(json).toContain('paused: the bot isn’t in the channel');
      expect(json).toContain('No runs yet.');
      expect(json.includes('`/codex digest unsubscribe <id>`')).toBe(isAdmin);
      expect(json.includes('Admins (ADMIN_USER_IDS / ADMIN_USERGROUP_ID) manage these')).toBe(!isAdmin);
    }
  });

  it('stays within 100 blocks with hundreds of subscriptions, and says how many more there are', () => {
    const usage = { adoption: adoption('many'), usage: usageFixture('many'), freshness: freshness() };
    const blocks = buildHomeView({ usage, isAdmin: true, digests: manySubscriptions(300) });
    expect(homeLimits(blocks)).toEqual([]);
    expect(blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(blocks)).toContain('…and 280 more subscriptions');
    expect(blocks.some((b) => b.type === 'actions')).toBe(true);
  });

  it('empty or unavailable digests say so', () => {
    const none = JSON.stringify(buildHomeView({ usage: null, isAdmin: true, digests: [] }));
    expect(none).toContain('No channel gets a digest yet.');
    expect(none).not.toContain('weekly');
    expect(none).toContain('`/codex digest subscribe`');
    const failed = JSON.stringify(buildHomeView({ usage: null, isAdmin: false, digests: null }));
    expect(failed).toContain("Scheduled digests couldn't be loaded");
  });
});
