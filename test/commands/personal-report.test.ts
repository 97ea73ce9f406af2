import { describe, expect, it } from 'vitest';
import { buildPersonalReport, rankText } from '../../reports/personal/personal-report.js';
import type { PersonalView } from '../../src/analytics/workspace-analytics.js';
import { freshness, rankedUser, type Scale, scales, usage } from '../reports/figure-fixtures.js';
import { everything, expectWithinLimits, visibleText } from '../reports/report-assertions.js';

function view(scale: Scale): PersonalView {
  const u = usage(scale);
  const credits = u.totals.credits;
  return {
    user: {
      ...rankedUser(12, credits, scale === 'zero' ? 0 : credits * 25, 'jane.doe'),
      surfaces: ['cli', 'ide'],
    },
    rank: scale === 'zero' ? 0 : 12,
    totalUsers: scale === 'zero' ? 0 : scale === 'one' ? 1 : 50_000,
    usage: u,
    freshness: freshness(),
  };
}

describe('buildPersonalReport', () => {
  it.each(scales)('fits Slack at scale %s', (scale) => {
    expectWithinLimits(buildPersonalReport(view(scale)));
  });

  it('shows credits, share, threads, streak, rank and surfaces', () => {
    const message = buildPersonalReport(view('many'));
    const text = visibleText(message);
    expect(text).toContain('#12 of 50,000 active users');
    expect(text).toContain('*Share of workspace credits*\n4%');
    expect(text).toContain('CLI, IDE extension');
    expect(message.blocks.at(-1)).toMatchObject({ block_id: 'report-footer' });
    expect(message.charts.length).toBe(1);
  });

  it('names nobody, not even the caller: no label or email in the message', () => {
    const serialized = everything(buildPersonalReport(view('many')));
    expect(serialized).not.toContain('jane.doe');
    expect(serialized).not.toContain('@example.com');
  });

  it('says so when there was no activity, and shows no chart', () => {
    const message = buildPersonalReport(view('zero'));
    expect(visibleText(message)).toContain('You had no Codex activity in this window.');
    expect(message.charts).toEqual([]);
  });

  it('rank reads "#1 of 1 active user" and "—" when there is nobody to rank against', () => {
    expect(rankText(1, 1)).toBe('#1 of 1 active user');
    expect(rankText(0, 0)).toBe('—');
  });
});
