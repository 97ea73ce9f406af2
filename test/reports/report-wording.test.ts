/**
 * Issue 9 (4.4): each report read as its reader would — the demo digest and every preview — turned up
 * wording that reads wrong. One test per finding: fixture in, blocks out.
 */
import { describe, expect, it } from 'vitest';
import { formatDelta } from '../../reports/blocks/format.js';
import { buildAdoptionChart } from '../../reports/charts/adoption-chart.js';
import { buildCreditsChart } from '../../reports/charts/credits-chart.js';
import { buildTopUsersChart } from '../../reports/charts/top-users-chart.js';
import { describeChanges } from '../../reports/digest/change-summary.js';
import { buildLeadershipDigest } from '../../reports/digest/leadership-digest.js';
import { buildWeeklyDigest } from '../../reports/digest/weekly-digest.js';
import { buildPersonalReport } from '../../reports/personal/personal-report.js';
import { rankingRow } from '../../reports/top/ranking-lines.js';
import { buildTopUsersReport } from '../../reports/top/top-users-report.js';
import { buildUsageReport } from '../../reports/usage/usage-report.js';
import type { UserRanking } from '../../src/figures/figure-types.js';
import { adoption, delta, deltas, digest, freshness, rankedUser, ranking, usage } from './figure-fixtures.js';
import { expectThreadWithinLimits, expectWithinLimits, nth, visibleText } from './report-assertions.js';

/** The first `listed` of the 50,000-user fixture, as if the workspace had `total` active users. */
function rankingOf(listed: number, total: number): UserRanking {
  const r = ranking('many');
  const users = r.users.slice(0, listed);
  return { ...r, users, totalUsers: total, topShare: users.reduce((s, u) => s + u.creditShare, 0) };
}

describe('streaks in ranking rows', () => {
  it('leave out a streak of 0 (not active on the newest complete day) instead of "0-day streak"', () => {
    const row = rankingRow({ ...rankedUser(1, 100, 1000), streak: 0 }, 1);
    expect(row).not.toContain('streak');
    expect(row).toMatch(/ · [\d.,kM—]+ tokens$/);
  });
  it('read "1-day streak" and "12-day streak"', () => {
    expect(rankingRow({ ...rankedUser(1, 100, 1000), streak: 1 }, 1)).toMatch(/ · 1-day streak$/);
    expect(rankingRow({ ...rankedUser(1, 100, 1000), streak: 12 }, 1)).toMatch(/ · 12-day streak$/);
  });
  it('are explained in the digest data notes, with the day they end on', () => {
    const notes = visibleText(nth(buildWeeklyDigest(digest('many')).replies, 4));
    expect(notes).toContain('Streaks count consecutive active days up to Sun 15 Nov');
    // The leadership digest has no ranking: no streak note.
    expect(visibleText(nth(buildLeadershipDigest(digest('many')).replies, 3))).not.toContain('Streak');
  });
});

describe('ranking intro', () => {
  it('does not say "Top 1 of 1 active users … together they" for a one-person workspace', () => {
    const text = visibleText(buildTopUsersReport(ranking('one'), { freshness: freshness() }));
    expect(text).not.toMatch(/1 active users|Top 1 of 1|together/);
    expect(text).toContain('The only active user (all surfaces) used 182.5 credits.');
  });
  it('says "all N" when the list holds everyone', () => {
    const text = visibleText(buildTopUsersReport(rankingOf(3, 3), { freshness: freshness() }));
    expect(text).not.toContain('Top 3 of 3');
    expect(text).toMatch(/All 3 active users by credits \(all surfaces\), together [\d.,k]+ credits\./);
  });
  it('does not say "together" of a single listed user', () => {
    const m = buildTopUsersReport(rankingOf(1, 50_000), { freshness: freshness(), topN: 1 });
    expect(visibleText(m)).toMatch(
      /Top 1 of 50,000 active users by credits \(all surfaces\); they used [\d.]+% of [\d.,k]+ credits\./,
    );
    expectWithinLimits(m);
  });
});

describe('adoption lines', () => {
  it('say "1 active user", not "1 distinct active users", and skip the per-surface caveat for one surface', () => {
    const text = visibleText(
      buildUsageReport({ adoption: adoption('one'), usage: usage('one') }, { freshness: freshness() }),
    );
    expect(text).not.toContain('1* distinct active users');
    expect(text).toContain('*1* active user\n');
    expect(text).not.toContain('counts once here');
  });
  it('keep the caveat when people can count on several surfaces', () => {
    const text = visibleText(
      buildUsageReport({ adoption: adoption('many'), usage: usage('many') }, { freshness: freshness() }),
    );
    expect(text).toContain('*50,000* distinct active users (someone on two surfaces counts once here');
  });
});

describe('an empty usage report', () => {
  it('says "No Codex activity" once, without two more empty sections under it', () => {
    const m = buildUsageReport(
      { adoption: adoption('zero'), usage: usage('zero') },
      { freshness: freshness() },
    );
    const text = visibleText(m);
    expect(text.match(/No Codex activity in this window\./g)).toHaveLength(1);
    expect(text).not.toContain('No active Codex users');
    expect(text).not.toContain('No Codex usage');
    expectWithinLimits(m);
  });
});

describe('the leadership concentration line', () => {
  it('states a real concentration: the top 10 of 50,000', () => {
    const d = { ...digest('many'), ranking: rankingOf(10, 50_000) };
    const text = visibleText(nth(buildLeadershipDigest(d).replies, 1));
    expect(text).toMatch(/Concentration: the top 10 of 50,000 active users used [\d.]+% of credits\./);
  });
  it('does not claim "the top 50,000 of 50,000 used 100%" when the top is everyone', () => {
    const thread = buildLeadershipDigest(digest('many'));
    const text = visibleText(nth(thread.replies, 1));
    expect(text).not.toContain('top 50,000 of 50,000');
    expect(text).toContain('Concentration: all credits came from 50,000 active users');
    const one = visibleText(nth(buildLeadershipDigest(digest('one')).replies, 1));
    expect(one).toContain('Concentration: all credits came from 1 active user.');
    expectThreadWithinLimits(thread);
  });
});

describe('model lines', () => {
  it('call the API\'s "other" model bucket "Other models", not a model named "other"', () => {
    const text = visibleText(
      buildUsageReport({ adoption: adoption('many'), usage: usage('many') }, { freshness: freshness() }),
    );
    expect(text).toContain('• Other models — 12.3k credits');
    expect(text).not.toContain('• other —');
  });
});

describe('chart alt text', () => {
  it('explains the star on provisional periods, as the chart subtitle does', () => {
    for (const spec of [buildAdoptionChart(adoption('many')), buildCreditsChart(usage('many'))]) {
      expect(spec.altText).toContain('Mon 9 Nov*');
      expect(spec.altText).toContain('Periods marked * may still change (late data).');
    }
  });
  it('of the top-users chart reads right for one user', () => {
    const spec = buildTopUsersChart(ranking('one'));
    expect(spec.altText).toContain('Bar chart of the only active user by credits');
    expect(JSON.stringify(spec.config)).toContain('"Top user by credits"');
    expect(spec.altText).not.toMatch(/top 1 of 1|1 active users/);
  });
});

describe('the top-users chart of a ranking by another key', () => {
  // `/codex top streak last-week` drew the streak leaders' credits under "Top 10 users by credits".
  it('says whose credits its bars are', () => {
    const spec = buildTopUsersChart({ ...ranking('many'), sortBy: 'streak' });
    expect(JSON.stringify(spec.config)).toContain('"Credits of the top 10 users by current streak"');
    expect(JSON.stringify(spec.config)).not.toContain('"Top 10 users by credits"');
    expect(spec.title).toBe('Top users by current streak');
    expect(spec.altText).toContain('Bar chart of the credits of the top 10 of');
  });
});

describe('the personal report of an empty workspace', () => {
  it('shows the share of workspace credits as unknown, not "0%", when nobody used any', () => {
    const u = usage('zero');
    const m = buildPersonalReport({
      user: { ...rankedUser(12, 0, 0, 'jane'), threads: 0, turns: 0, tokens: null, streak: 0, surfaces: [] },
      rank: 0,
      totalUsers: 0,
      usage: u,
      freshness: freshness(),
    });
    const text = visibleText(m);
    expect(text).toContain('*Share of workspace credits*\n—');
    expect(m.text).not.toContain('0% of the workspace');
    expect(m.text).toBe('Your Codex usage, Mon 19 Oct – Sun 15 Nov: 0 credits, 0 threads, rank —.');
  });
});

describe('fallback text of the usage report', () => {
  it('separates the title from the window like every other report: "Codex usage, <window>: …"', () => {
    const m = buildUsageReport(
      { adoption: adoption('one'), usage: usage('one') },
      { freshness: freshness() },
    );
    expect(m.text).toBe('Codex usage, Mon 19 Oct – Sun 15 Nov: 1 active user, 4 threads, 182.5 credits.');
  });
});

describe('small count and credit deltas', () => {
  it('do not read "▲ 0% (49.9k → 49.9k)": the change shows as under 0.1%, the values in full', () => {
    expect(formatDelta(delta(49_960, 49_950), 'count')).toBe('▲ <0.1% (49,950 → 49,960)');
    expect(formatDelta(delta(12_345.6, 12_344.1), 'credits')).toBe('▲ <0.1% (12,344.1 → 12,345.6)');
    expect(formatDelta(delta(1_234_567.8, 1_272_750), 'credits')).toBe('▼ 3% (1.3M → 1.2M)');
  });
  it('and the opening sentence does not say "rose 0%"', () => {
    const d = { ...deltas('many'), credits: delta(49_960, 49_950) };
    expect(describeChanges(d)).toContain('credits rose <0.1% to 49,960');
  });
});

describe('the opening sentence of a week with no activity at all', () => {
  it('says so once instead of "held steady at 0" four times', () => {
    const text = describeChanges(deltas('zero'));
    expect(text).toBe('No Codex activity this week or the week before.');
    const parent = buildWeeklyDigest(digest('zero')).parent;
    expect(visibleText(parent)).not.toContain('held steady at 0');
  });
});

describe('the streak in /codex top', () => {
  it('is explained under the rows, naming the day streaks end on (the window’s newest complete day)', () => {
    const text = visibleText(buildTopUsersReport(ranking('many'), { freshness: freshness() }));
    expect(text).toContain(
      '_Streak: consecutive active days up to Sun 15 Nov; none shown for people not active that day._',
    );
    const none = rankingOf(3, 3);
    const quiet = { ...none, users: none.users.map((u) => ({ ...u, streak: 0 })) };
    expect(visibleText(buildTopUsersReport(quiet, { freshness: freshness() }))).not.toContain('_Streak:');
  });
});
