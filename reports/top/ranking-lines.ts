/** The ranking as text rows, shared by the top-users report and the weekly digest. */
import { surfaceLabels } from '../../src/domain/surfaces.js';
import type { RankedUser, RankKey, UserRanking } from '../../src/figures/figure-types.js';
import { formatLabel } from '../blocks/escape-mrkdwn.js';
import {
  formatCredits,
  formatDay,
  formatInteger,
  formatNumber,
  formatPercent,
  formatTokens,
} from '../blocks/format.js';
import { fitRows, moreLine } from '../blocks/line-sections.js';

const rankNames: Record<RankKey, string> = {
  credits: 'credits',
  threads: 'threads',
  turns: 'turns',
  tokens: 'text tokens',
  streak: 'current streak',
};

/** "credits", "current streak", … — what the ranking is sorted by. */
export function rankName(key: RankKey): string {
  return rankNames[key];
}

/**
 * One ranking row: rank, escaped label, credits and share, threads, turns, tokens ("—" when unknown) and
 * the streak. A streak of 0 means "not active on the newest complete day": it is left out, not printed
 * as "0-day streak" (which, in the demo digest, most of the top users showed — weekends are quiet).
 */
export function rankingRow(user: RankedUser, rank: number): string {
  return [
    `*${rank}.* ${formatLabel(user.label)} — ${formatCredits(user.credits)} credits (${formatPercent(user.creditShare)})`,
    `${formatNumber(user.threads)} threads`,
    `${formatNumber(user.turns)} turns`,
    `${formatTokens(user.tokens)} tokens`,
    ...(user.streak > 0 ? [`${formatInteger(user.streak)}-day streak`] : []),
  ].join(' · ');
}

/**
 * Under the rows: what a streak counts, and up to which day. Named here, not left to the footer: a
 * footer from the warehouse says how far *its* data runs ("data through Sun 6 Dec"), which for
 * `top last-month` is not the day November's streaks end on.
 */
function streakNote(newestCompleteDay: string | null): string {
  const upTo = newestCompleteDay === null ? 'the day data runs through' : formatDay(newestCompleteDay);
  return `_Streak: consecutive active days up to ${upTo}; none shown for people not active that day._`;
}

/** Rows shown, the "…and N more" line when some are not, and the credit share of the rows shown. */
export interface RankingText {
  intro: string;
  rows: string[];
  shown: number;
  /** Credit share of the users shown (0..1). */
  share: number;
}

/**
 * The top `topN` rows that also fit `budget` characters, plus "…and 49,990 more" counted against every
 * active user (not only those the figures listed).
 */
export function rankingText(
  ranking: UserRanking,
  topN: number,
  budget: number,
  /** The window's newest complete day (Freshness.newestCompleteDay): where streaks end. */
  newestCompleteDay: string | null,
): RankingText {
  const candidates = ranking.users.slice(0, Math.max(0, topN)).map((u, i) => rankingRow(u, i + 1));
  const fitted = fitRows(candidates, budget);
  const shown = fitted.rows.length;
  const share = ranking.users.slice(0, shown).reduce((sum, u) => sum + u.creditShare, 0);
  const scope = ranking.surface === null ? 'all surfaces' : `${surfaceLabels[ranking.surface]} only`;
  const intro = rankingIntro(ranking, shown, share, scope);
  const omitted = ranking.totalUsers - shown;
  const rows = omitted > 0 && shown > 0 ? [...fitted.rows, moreLine(omitted)] : [...fitted.rows];
  // "2-day streak" alone does not say up to when; rows without one need saying why (streak 0).
  if (ranking.users.slice(0, shown).some((u) => u.streak > 0)) rows.push(streakNote(newestCompleteDay));
  return {
    intro,
    rows,
    shown,
    share,
  };
}

/**
 * The sentence over the rows. "Top 1 of 1 active users …; together they used 100%" read wrong, so the
 * wording follows the numbers: nobody, the only user, all of them, one of many, the top N of many.
 */
function rankingIntro(ranking: UserRanking, shown: number, share: number, scope: string): string {
  const total = ranking.totalUsers;
  const credits = `${formatCredits(ranking.totalCredits)} credits`;
  const by = rankName(ranking.sortBy);
  if (total === 0) return `No active users in this window (${scope}).`;
  if (total === 1 && shown === 1) return `The only active user (${scope}) used ${credits}.`;
  if (shown >= total)
    return `All ${formatInteger(total)} active users by ${by} (${scope}), together ${credits}.`;
  const they = shown === 1 ? 'they' : 'together they';
  return `Top ${formatInteger(shown)} of ${formatInteger(total)} active users by ${by} (${scope}); ${they} used ${formatPercent(share)} of ${credits}.`;
}
