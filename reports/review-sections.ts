/** Code Review text pieces, shared by the review report and both digests. */
import type { Delta, ReviewFigures, ReviewPoint } from '../src/figures/figure-types.js';
import { pointLabel } from './charts/series-labels.js';
import { formatDelta, formatInteger, formatPercent } from './format.js';

/** True when Codex reviewed anything or wrote any comment in the window. */
export function hasReviews(reviews: ReviewFigures): boolean {
  return reviews.prsReviewed > 0 || reviews.comments > 0;
}

/** "P0 3 (3%) · P1 20 (20%) · P2 77 (77%)", or a note when the API gave no breakdown. */
export function priorityText(reviews: ReviewFigures): string {
  const mix = reviews.priority;
  if (mix === null) return 'not reported';
  const total = mix.p0 + mix.p1 + mix.p2;
  const part = (name: string, n: number) =>
    `${name} ${formatInteger(n)} (${formatPercent(total === 0 ? null : n / total)})`;
  return [part('P0', mix.p0), part('P1', mix.p1), part('P2', mix.p2)].join(' · ');
}

/** The headline fields, each share with its denominator so nobody reads 100% off two reactions. */
export function reviewFields(reviews: ReviewFigures): string[] {
  const rated = reviews.upvotes + reviews.downvotes;
  const other = reviews.reactions - rated;
  return [
    `*PRs reviewed*\n${formatInteger(reviews.prsReviewed)}`,
    `*Comments*\n${formatInteger(reviews.comments)}`,
    `*By priority*\n${priorityText(reviews)}`,
    `*Replies*\n${formatInteger(reviews.replies)}`,
    `*Reactions*\n${formatInteger(reviews.reactions)} (👍 ${formatInteger(reviews.upvotes)} · 👎 ${formatInteger(reviews.downvotes)} · other ${formatInteger(Math.max(0, other))})`,
    `*Positive share*\n${formatPercent(reviews.positiveShare)} (${formatInteger(reviews.upvotes)} of ${formatInteger(rated)} 👍/👎)`,
    `*Engagement rate*\n${formatPercent(reviews.engagementRate)} (${formatInteger(reviews.engagedComments)} of ${formatInteger(reviews.comments)} comments)`,
  ];
}

function delta(current: number | null, previous: number | null, a: ReviewPoint, b: ReviewPoint): Delta {
  const change = current === null || previous === null ? null : current - previous;
  const ratio = change === null || previous === null || previous === 0 ? null : change / previous;
  return { current, previous, change, ratio, currentPeriod: b, previousPeriod: a };
}

/**
 * The trend between the last two *closed* buckets (a provisional bucket is never compared):
 * "Trend Mon 2 Nov → Mon 9 Nov: PRs reviewed ▲ 12% (40 → 45) · positive share ▲ 4 pts (78% → 82%)".
 * Null with fewer than two closed buckets.
 */
export function reviewTrendLine(reviews: ReviewFigures): string | null {
  const closed = reviews.series.filter((p) => !p.provisional);
  const [a, b] = closed.slice(-2);
  if (a === undefined || b === undefined) return null;
  return [
    `*Trend* ${pointLabel(a)} → ${pointLabel(b)}: PRs reviewed ${formatDelta(delta(b.prsReviewed, a.prsReviewed, a, b), 'count')}`,
    `positive share ${formatDelta(delta(b.positiveShare, a.positiveShare, a, b), 'share')}`,
  ].join(' · ');
}
