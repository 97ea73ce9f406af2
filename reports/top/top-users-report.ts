import type { Freshness, UserRanking } from '../../src/figures/figure-types.js';
import { header, section } from '../blocks/block-helpers.js';
import { formatWindow } from '../blocks/format.js';
import { linesToSections } from '../blocks/line-sections.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { buildTopUsersChart } from '../charts/top-users-chart.js';
import { finishReport } from '../limits/finish-report.js';
import { rankingText, rankName } from './ranking-lines.js';

/** Options of {@link buildTopUsersReport}. */
export interface TopUsersReportOptions {
  freshness: Freshness;
  /** Rows to list; default 10, at most what fits the message (about 60 rows). */
  topN?: number;
  /** Header text; default "Top Codex users by <key> · <window>". */
  title?: string;
}

/** Characters the rows may take: the 11k budget minus header, intro, footer and the chart's alt text. */
export const rankingRowBudget = 7000;

/**
 * How many people {@link buildTopUsersReport} (and the digest's top-users reply) names for `topN`: the
 * rows that fit, which the chart shows too. The share dialog states it before names go to a channel.
 */
export function namedInRanking(ranking: UserRanking, topN = 10): number {
  return rankingText(ranking, topN, rankingRowBudget, null).shown;
}

/**
 * The user ranking: top N rows (label, credits and share, threads, turns, tokens, streak), the
 * concentration of those N, "…and N more", and the top-users bar chart. Per-user data: admins only.
 */
export function buildTopUsersReport(ranking: UserRanking, options: TopUsersReportOptions): ReportMessage {
  const window = formatWindow(ranking.window);
  const ranked = rankingText(
    ranking,
    options.topN ?? 10,
    rankingRowBudget,
    options.freshness.newestCompleteDay,
  );
  return finishReport({
    text: `Top Codex users by ${rankName(ranking.sortBy)}, ${window}. ${ranked.intro}`,
    blocks: [
      header(options.title ?? `Top Codex users by ${rankName(ranking.sortBy)} · ${window}`),
      section(ranked.intro),
      ...linesToSections(ranked.rows),
    ],
    charts: ranked.shown > 0 ? [buildTopUsersChart(ranking, ranked.shown)] : [],
    window: ranking.window,
    freshness: options.freshness,
  });
}
