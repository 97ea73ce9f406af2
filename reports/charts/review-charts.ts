import type { ChartConfiguration } from 'chart.js';
import type { ReviewFigures } from '../../src/figures/figure-types.js';
import { formatInteger, formatPercent, formatWindow } from '../blocks/format.js';
import type { ChartSpec } from './chart-spec.js';
import { chartTheme, staticOptions, themedAxis, themedPlugins } from './chart-theme.js';
import { altText, bucketWord, pointLabel, provisionalSubtitle } from './series-labels.js';

/** Shares as 0..100 with one decimal; null stays null so Chart.js leaves a gap instead of drawing 0. */
function pct(ratio: number | null): number | null {
  return ratio === null ? null : Math.round(ratio * 1000) / 10;
}

/**
 * Code Review sentiment over time: the positive share (upvotes of up+down reactions) and the engagement
 * rate (comments with a reply or reaction), both in percent. Gaps where a bucket had no reactions.
 */
export function buildReviewSentimentChart(reviews: ReviewFigures): ChartSpec {
  const config: ChartConfiguration = {
    type: 'line',
    data: {
      labels: reviews.series.map((p) => pointLabel(p, reviews.bucket)),
      datasets: [
        {
          label: 'Positive share of reactions (%)',
          data: reviews.series.map((p) => pct(p.positiveShare)),
          borderColor: chartTheme.positive,
          backgroundColor: chartTheme.positive,
          borderWidth: 2,
        },
        {
          label: 'Comments engaged (%)',
          data: reviews.series.map((p) => pct(p.engagementRate)),
          borderColor: '#0072B2',
          backgroundColor: '#0072B2',
          borderWidth: 2,
          borderDash: [6, 4],
        },
      ],
    },
    options: {
      ...staticOptions,
      plugins: themedPlugins(
        `Code Review feedback (${bucketWord(reviews.bucket)})`,
        provisionalSubtitle(reviews.series),
      ),
      scales: { x: themedAxis(null), y: { ...themedAxis('Percent'), max: 100 } },
    },
  };
  return {
    key: 'review-sentiment',
    title: 'Code Review feedback',
    width: chartTheme.width,
    height: chartTheme.height,
    config,
    altText: altText([
      `Line chart of Code Review feedback, ${bucketWord(reviews.bucket)}, ${formatWindow(reviews.window)}.`,
      `Positive share ${formatPercent(reviews.positiveShare)} (${formatInteger(reviews.upvotes)} up, ${formatInteger(reviews.downvotes)} down);`,
      `engagement ${formatPercent(reviews.engagementRate)} (${formatInteger(reviews.engagedComments)} of ${formatInteger(reviews.respondedComments)} comments on merged PRs).`,
      `Positive share per period: ${reviews.series.map((p) => `${pointLabel(p, reviews.bucket)} ${formatPercent(p.positiveShare)}`).join(', ')}.`,
    ]),
  };
}

const priorityColors = { p0: '#c0392b', p1: '#E69F00', p2: '#0072B2' } as const;

/** The P0/P1/P2 mix of review comments as a doughnut; null when the API gave no priority breakdown. */
export function buildPriorityMixChart(reviews: ReviewFigures): ChartSpec | null {
  const mix = reviews.priority;
  if (mix === null || mix.p0 + mix.p1 + mix.p2 === 0) return null;
  const total = mix.p0 + mix.p1 + mix.p2;
  const keys = ['p0', 'p1', 'p2'] as const;
  const config: ChartConfiguration = {
    type: 'doughnut',
    data: {
      labels: keys.map((k) => k.toUpperCase()),
      datasets: [
        {
          label: 'Comments',
          data: keys.map((k) => mix[k]),
          backgroundColor: keys.map((k) => priorityColors[k]),
          borderColor: chartTheme.background,
        },
      ],
    },
    options: { ...staticOptions, plugins: themedPlugins('Code Review comments by priority', null) },
  };
  return {
    key: 'review-priority',
    title: 'Code Review comments by priority',
    width: chartTheme.width,
    height: chartTheme.height,
    config,
    altText: altText([
      `Doughnut chart of ${formatInteger(total)} Code Review comments by priority, ${formatWindow(reviews.window)}:`,
      `${keys.map((k) => `${k.toUpperCase()} ${formatInteger(mix[k])} (${formatPercent(mix[k] / total)})`).join(', ')}.`,
    ]),
  };
}
