import { describe, expect, it } from 'vitest';
import { buildTopUsersReport } from '../../reports/top/top-users-report.js';
import { freshness, hostileLabels, ranking, scales } from './figure-fixtures.js';
import { expectWithinLimits, visibleText } from './report-assertions.js';

describe('buildTopUsersReport', () => {
  it.each(scales)('stays within every Slack limit (%s)', (scale) => {
    expectWithinLimits(buildTopUsersReport(ranking(scale), { freshness: freshness() }));
  });
  it('shows the top N of 50,000 and "…and 49,990 more"', () => {
    const m = buildTopUsersReport(ranking('many'), { freshness: freshness() });
    const text = visibleText(m);
    expect(text).toContain('Top 10 of 50,000 active users by credits (all surfaces)');
    expect(text).toContain('…and 49,990 more');
    expect(text).toContain('*1.* jdoe-1 — 5,000 credits (');
    expect(text).toContain('*10.* jdoe-10');
    expect(text).not.toContain('jdoe-11 ');
  });
  it('shows label, credits, share, threads, turns, tokens and streak per row', () => {
    const text = visibleText(buildTopUsersReport(ranking('one'), { freshness: freshness() }));
    expect(text).toContain(
      '*1.* solo.dev — 182.5 credits (100%) · 39 threads · 309 turns · 2.6M tokens · 1-day streak',
    );
    expect(text).not.toContain('more_');
  });
  it('renders unknown tokens as "—"', () => {
    const text = visibleText(buildTopUsersReport(ranking('many'), { freshness: freshness() }));
    expect(text).toMatch(/\*3\.\* jdoe-3 — [^\n]* · — tokens/);
  });
  it('degrades a huge topN to what fits instead of failing', () => {
    const m = buildTopUsersReport(ranking('many'), { freshness: freshness(), topN: 50_000 });
    expectWithinLimits(m);
    const shown = visibleText(m).match(/^\*\d+\.\*/gm)?.length ?? 0;
    expect(shown).toBeGreaterThan(30);
    expect(visibleText(m)).toContain(`…and ${(50_000 - shown).toLocaleString('en-US')} more`);
  });
  it('states the concentration of the users shown', () => {
    const r = ranking('many');
    const share = r.users.slice(0, 10).reduce((s, u) => s + u.creditShare, 0);
    const text = visibleText(buildTopUsersReport(r, { freshness: freshness() }));
    expect(text).toContain(`together they used ${Math.round(share * 100)}% of`);
  });
  it('escapes hostile labels', () => {
    const m = buildTopUsersReport(ranking('many', { labels: hostileLabels }), { freshness: freshness() });
    const text = visibleText(m);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('a&amp;b');
    expect(text).not.toContain('*bold*');
    expect(text).not.toContain('<https://evil');
    expectWithinLimits(m);
  });
  it('says so when nobody was active', () => {
    const m = buildTopUsersReport(ranking('zero'), { freshness: freshness() });
    expect(visibleText(m)).toContain('No active users in this window');
    expect(m.charts).toEqual([]);
  });
});
