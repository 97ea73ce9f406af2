/** The thread replies of both weekly digests; only `topUsersReply` names people. */
import type { DigestFigures } from '../../src/figures/figure-types.js';
import { fields, section } from '../blocks/block-helpers.js';
import { formatCount, formatCredits, formatInteger, formatPercent, formatWindow } from '../blocks/format.js';
import { linesToSections } from '../blocks/line-sections.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { buildCreditsChart } from '../charts/credits-chart.js';
import { buildTopUsersChart } from '../charts/top-users-chart.js';
import { finishReport } from '../limits/finish-report.js';
import { reviewCharts } from '../reviews/review-report.js';
import {
  hasReviews,
  periodTrendLine,
  reviewFields,
  weekOverWeekTrendLine,
} from '../reviews/review-sections.js';
import { rankingText } from '../top/ranking-lines.js';
import { rankingRowBudget } from '../top/top-users-report.js';
import { adoptionLines, hasUsage, modelLines, tokenLine, usageLines } from '../usage/usage-sections.js';
import { periodWords } from './digest-period-words.js';

/** Active users overall and by surface. */
export function adoptionReply(digest: DigestFigures): ReportMessage {
  const a = digest.adoption;
  return finishReport({
    text: `Adoption by surface, ${formatWindow(a.window)}: ${formatCount(a.activeUsers, 'active user')}.`,
    blocks: linesToSections(adoptionLines(a)),
    charts: [],
    window: a.window,
    freshness: digest.freshness,
  });
}

/**
 * Credits and tokens by surface, token detail, top models and the credits chart. `concentration` adds
 * one aggregate line on how concentrated credits are (the leadership digest's stand-in for names).
 */
export function creditsReply(digest: DigestFigures, concentration: boolean): ReportMessage {
  const u = digest.usage;
  const r = digest.ranking;
  const top = r.users.length;
  const lines = [...usageLines(u), ...(hasUsage(u) ? [tokenLine(u)] : [])];
  // When the top is everyone, "the top 3 of 3 used 100%" says nothing: say who the credits came from.
  if (concentration && top > 0)
    lines.push(
      top >= r.totalUsers
        ? `Concentration: all credits came from ${formatInteger(r.totalUsers)} active ${r.totalUsers === 1 ? 'user' : 'users'}.`
        : `Concentration: the top ${formatInteger(top)} of ${formatInteger(r.totalUsers)} active users used ${formatPercent(r.topShare)} of credits.`,
    );
  return finishReport({
    text: `Credits and tokens, ${formatWindow(u.window)}: ${formatCredits(u.totals.credits)} credits.`,
    blocks: [...linesToSections(lines), ...linesToSections(modelLines(u))],
    charts: hasUsage(u) ? [buildCreditsChart(u)] : [],
    window: u.window,
    freshness: digest.freshness,
  });
}

/** The top users with the "…and N more" line and the bar chart. Per-user: standard digest only. */
export function topUsersReply(digest: DigestFigures, topN: number): ReportMessage {
  const r = digest.ranking;
  const ranked = rankingText(r, topN, rankingRowBudget, digest.freshness.newestCompleteDay);
  return finishReport({
    text: `Top users, ${formatWindow(r.window)}. ${ranked.intro}`,
    blocks: linesToSections([`*Top users* · ${formatWindow(r.window)}`, ranked.intro, ...ranked.rows]),
    charts: ranked.shown > 0 ? [buildTopUsersChart(r, ranked.shown)] : [],
    window: r.window,
    freshness: digest.freshness,
  });
}

/** Code Review figures, trend and charts. */
export function reviewReply(digest: DigestFigures, workspaceWide = false): ReportMessage {
  const rv = digest.reviews;
  // Week over week: the week's own series is daily, and a weekly reply must not trend its last two days.
  const words = periodWords(digest);
  const trend =
    digest.period === undefined
      ? weekOverWeekTrendLine(digest.deltas.prsReviewed, digest.deltas.positiveShare)
      : periodTrendLine(
          words.previousName,
          words.name,
          digest.deltas.prsReviewed,
          digest.deltas.positiveShare,
        );
  // In a team's digest: the API's review rows have no reviewer, so these are everyone's (issue 12 §3).
  const title = workspaceWide
    ? `*Code Review* (workspace-wide: reviews cannot be split by team) · ${formatWindow(rv.window)}`
    : `*Code Review* · ${formatWindow(rv.window)}`;
  const blocks = hasReviews(rv)
    ? [section(title), fields(reviewFields(rv)), ...(trend ? [section(trend)] : [])]
    : [section(`${title}\nCodex reviewed no pull requests in this window.`)];
  return finishReport({
    text: `Code Review, ${formatWindow(rv.window)}: ${formatInteger(rv.prsReviewed)} PRs reviewed, positive share ${formatPercent(rv.positiveShare)}.`,
    blocks,
    charts: reviewCharts(rv),
    window: rv.window,
    freshness: digest.freshness,
  });
}
