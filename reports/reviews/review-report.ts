import type { Freshness, ReviewFigures } from '../../src/figures/figure-types.js';
import { fields, header, section } from '../blocks/block-helpers.js';
import { formatInteger, formatPercent, formatWindow } from '../blocks/format.js';
import type { ReportMessage } from '../blocks/report-message.js';
import type { ChartSpec } from '../charts/chart-spec.js';
import { buildPriorityMixChart, buildReviewSentimentChart } from '../charts/review-charts.js';
import { finishReport } from '../limits/finish-report.js';
import { hasReviews, reviewFields, reviewTrendLine } from './review-sections.js';

/** Options of {@link buildReviewReport}. */
export interface ReviewReportOptions {
  freshness: Freshness;
  /** Header text; default "Codex Code Review · <window>". */
  title?: string;
}

/** The review charts that have something to show: sentiment over time, and the priority mix. */
export function reviewCharts(reviews: ReviewFigures): ChartSpec[] {
  if (!hasReviews(reviews)) return [];
  const mix = buildPriorityMixChart(reviews);
  return [buildReviewSentimentChart(reviews), ...(mix ? [mix] : [])];
}

/**
 * Code Review: PRs reviewed, comments and their P0/P1/P2 mix, replies, reactions, positive share and
 * engagement rate (with denominators), the trend between the last two closed buckets, and two charts.
 * Workspace-level only: the API has no per-user or per-repository review data.
 */
export function buildReviewReport(reviews: ReviewFigures, options: ReviewReportOptions): ReportMessage {
  const window = formatWindow(reviews.window);
  const trend = reviewTrendLine(reviews);
  const body = hasReviews(reviews)
    ? [fields(reviewFields(reviews)), ...(trend ? [section(trend)] : [])]
    : [section('Codex reviewed no pull requests in this window.')];
  return finishReport({
    text: `Codex Code Review ${window}: ${formatInteger(reviews.prsReviewed)} PRs reviewed, ${formatInteger(reviews.comments)} comments, positive share ${formatPercent(reviews.positiveShare)}.`,
    blocks: [header(options.title ?? `Codex Code Review · ${window}`), ...body],
    charts: reviewCharts(reviews),
    window: reviews.window,
    freshness: options.freshness,
  });
}
