import { describe, expect, it } from 'vitest';
import { buildHomeView, surfaceBars } from '../../reports/home-view.js';
import { checkLimits } from '../../reports/slack-limits.js';
import { adoption, freshness, usage as usageFixture } from './figure-fixtures.js';

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

  it('says so when figures are unavailable', () => {
    const blocks = buildHomeView({ usage: null, isAdmin: false });
    expect(JSON.stringify(blocks)).toContain("aren't available");
  });

  it('scales bars to the busiest surface, and says when nobody was active', () => {
    expect(surfaceBars(adoption('many'))).toContain('█'.repeat(20));
    expect(surfaceBars(adoption('zero'))).toBe('No active Codex users last week.');
  });
});
