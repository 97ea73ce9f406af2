import { describe, expect, it } from 'vitest';
import {
  adminOnlyRankingIntro,
  buildAggregateRankingNote,
} from '../../reports/top/aggregate-ranking-note.js';
import type { UserRanking } from '../../src/figures/figure-types.js';
import { freshness, hostileLabels, ranking, scales } from '../reports/figure-fixtures.js';
import { everything, expectWithinLimits, visibleText } from '../reports/report-assertions.js';

/** The ranking the command asks for: the top `n` only, with their share, like analytics returns it. */
function topOf(full: UserRanking, n: number): UserRanking {
  const users = full.users.slice(0, n);
  return { ...full, users, topShare: users.reduce((s, u) => s + u.creditShare, 0) };
}

describe('buildAggregateRankingNote', () => {
  it.each(scales)('fits Slack at scale %s', (scale) => {
    expectWithinLimits(buildAggregateRankingNote(topOf(ranking(scale), 10), { freshness: freshness() }));
  });

  it('states the top group’s share of credits and the user count, with the admin note', () => {
    const message = buildAggregateRankingNote(topOf(ranking('many'), 10), { freshness: freshness() });
    const text = visibleText(message);
    expect(text).toContain(adminOnlyRankingIntro);
    expect(message.text).toMatch(
      /The top 10 of 50,000 active users \(all surfaces\) used \d+(\.\d)?% of [\d.,k]+ credits\./,
    );
    expect(text).toContain('*Other 49,990*');
  });

  it('never names anyone, whatever the labels', () => {
    const full = ranking('many', { labels: hostileLabels });
    const serialized = everything(buildAggregateRankingNote(topOf(full, 5), { freshness: freshness() }));
    for (const user of full.users) {
      expect(serialized).not.toContain(user.userId);
      expect(serialized).not.toContain(user.label);
    }
  });

  it('reads sensibly when everyone is in the top group or nobody was active', () => {
    const one = buildAggregateRankingNote(topOf(ranking('one'), 10), { freshness: freshness() });
    expect(one.text).toContain('The only active user (all surfaces) used 182.5 credits.');
    const zero = buildAggregateRankingNote(topOf(ranking('zero'), 10), { freshness: freshness() });
    expect(zero.text).toContain('No active users in this window');
  });
});
