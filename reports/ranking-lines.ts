/** The ranking as text rows, shared by the top-users report and the weekly digest. */
import { surfaceLabels } from '../src/codex/surfaces.js';
import type { RankedUser, RankKey, UserRanking } from '../src/figures/figure-types.js';
import { formatLabel } from './escape-mrkdwn.js';
import { formatCredits, formatInteger, formatNumber, formatPercent, formatTokens } from './format.js';
import { fitRows, moreLine } from './line-sections.js';

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

/** One ranking row: rank, escaped label, credits and share, threads, turns, tokens ("—" when unknown), streak. */
export function rankingRow(user: RankedUser, rank: number): string {
  const streak = user.streak === 1 ? '1-day streak' : `${formatInteger(user.streak)}-day streak`;
  return [
    `*${rank}.* ${formatLabel(user.label)} — ${formatCredits(user.credits)} credits (${formatPercent(user.creditShare)})`,
    `${formatNumber(user.threads)} threads`,
    `${formatNumber(user.turns)} turns`,
    `${formatTokens(user.tokens)} tokens`,
    streak,
  ].join(' · ');
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
export function rankingText(ranking: UserRanking, topN: number, budget: number): RankingText {
  const candidates = ranking.users.slice(0, Math.max(0, topN)).map((u, i) => rankingRow(u, i + 1));
  const fitted = fitRows(candidates, budget);
  const shown = fitted.rows.length;
  const share = ranking.users.slice(0, shown).reduce((sum, u) => sum + u.creditShare, 0);
  const scope = ranking.surface === null ? 'all surfaces' : `${surfaceLabels[ranking.surface]} only`;
  const intro =
    ranking.totalUsers === 0
      ? `No active users in this window (${scope}).`
      : `Top ${formatInteger(shown)} of ${formatInteger(ranking.totalUsers)} active users by ${rankName(ranking.sortBy)} (${scope}); together they used ${formatPercent(share)} of ${formatCredits(ranking.totalCredits)} credits.`;
  const omitted = ranking.totalUsers - shown;
  return {
    intro,
    rows: omitted > 0 && shown > 0 ? [...fitted.rows, moreLine(omitted)] : fitted.rows,
    shown,
    share,
  };
}
