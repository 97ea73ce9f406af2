/** Code Review text pieces, shared by the review report and both digests. */
import type { Delta, ReviewFigures, ReviewPoint } from '../../src/figures/figure-types.js';
import { formatDate, formatDelta, formatInteger, formatPercent, formatPeriod } from '../blocks/format.js';

/** True when Codex reviewed anything or wrote any comment in the window. */
export function hasReviews(reviews: ReviewFigures): boolean {
  return reviews.prsReviewed > 0 || reviews.comments > 0;
}

/**
 * "P0 3 (3%) · P1 20 (20%) · P2 77 (77%) of 100 with a priority", or a note when the API gave no
 * breakdown. Shares are over p0 + p1 + p2, which need not equal the comment count, so the text says so.
 */
function priorityText(reviews: ReviewFigures): string {
  const mix = reviews.priority;
  if (mix === null) return 'not reported';
  const total = mix.p0 + mix.p1 + mix.p2;
  const part = (name: string, n: number) =>
    `${name} ${formatInteger(n)} (${formatPercent(total === 0 ? null : n / total)})`;
  return `${[part('P0', mix.p0), part('P1', mix.p1), part('P2', mix.p2)].join(' · ')} of ${formatInteger(total)} with a priority`;
}

/** "12 (👍 8 · 👎 1 · other 3)"; the split only from rows that had reaction_details, never invented. */
function reactionsText(reviews: ReviewFigures): string {
  const total = formatInteger(reviews.reactions);
  if (reviews.otherReactions === null) return `${total} (kinds not reported)`;
  const split = `👍 ${formatInteger(reviews.upvotes)} · 👎 ${formatInteger(reviews.downvotes)} · other ${formatInteger(reviews.otherReactions)}`;
  return reviews.detailedReactions === reviews.reactions
    ? `${total} (${split})`
    : `${total} (of ${formatInteger(reviews.detailedReactions)} with kinds: ${split})`;
}

/**
 * "36% (20 of 55 comments on merged PRs)": the engagement rate over its own denominator, the
 * `/code_review_responses` comments, which follow PRs merged in the period (not `/code_reviews`').
 */
function engagementText(reviews: ReviewFigures): string {
  return `${formatPercent(reviews.engagementRate)} (${formatInteger(reviews.engagedComments)} of ${formatInteger(reviews.respondedComments)} comments on merged PRs)`;
}

/** The headline fields, each share with its own denominator so nobody reads 100% off two reactions. */
export function reviewFields(reviews: ReviewFigures): string[] {
  const rated = reviews.upvotes + reviews.downvotes;
  return [
    `*PRs reviewed*\n${formatInteger(reviews.prsReviewed)}`,
    `*Comments*\n${formatInteger(reviews.comments)}`,
    `*By priority*\n${priorityText(reviews)}`,
    `*Replies*\n${formatInteger(reviews.replies)}`,
    `*Reactions*\n${reactionsText(reviews)}`,
    `*Positive share*\n${formatPercent(reviews.positiveShare)} (${formatInteger(reviews.upvotes)} of ${formatInteger(rated)} 👍/👎)`,
    `*Engagement rate*\n${engagementText(reviews)}`,
  ];
}

function delta(current: number | null, previous: number | null, a: ReviewPoint, b: ReviewPoint): Delta {
  const change = current === null || previous === null ? null : current - previous;
  const ratio = change === null || previous === null || previous === 0 ? null : change / previous;
  return { current, previous, change, ratio, currentPeriod: b, previousPeriod: a };
}

/** A bucket as a trend names it: "Mon 2 Nov", "week of Mon 2 Nov", "Nov 2026", "Q4 2026". */
function trendLabel(point: ReviewPoint, bucket: ReviewFigures['bucket']): string {
  if (bucket === 'month' || bucket === 'quarter') return formatPeriod(point.start, bucket);
  return bucket === 'week' ? `week of ${formatDate(point.start)}` : formatDate(point.start);
}

function trendText(from: string, to: string, prs: Delta, share: Delta): string {
  return [
    `*Trend* ${from} → ${to}: PRs reviewed ${formatDelta(prs, 'count')}`,
    `positive share ${formatDelta(share, 'share')}`,
  ].join(' · ');
}

/**
 * The trend between the last two *closed* buckets (a provisional bucket is never compared), labelled
 * by the bucket: "Trend Mon 2 Nov → Tue 3 Nov: …" daily, "Trend week of Mon 26 Oct → week of Mon 2 Nov:
 * PRs reviewed ▲ 12% (40 → 45) · positive share ▲ 4 pts (78% → 82%)" weekly. Null with fewer than two
 * closed buckets.
 */
export function reviewTrendLine(reviews: ReviewFigures): string | null {
  const closed = reviews.series.filter((p) => !p.provisional);
  const [a, b] = closed.slice(-2);
  if (a === undefined || b === undefined) return null;
  // Days are closed five days late: `/codex reviews` over the last 7 days trended its first two days
  // ("Trend Mon 30 Nov → Tue 1 Dec: PRs reviewed ▼ 30%") under a week that ran to Sunday. Day over day
  // says something only at the window's end.
  if (reviews.bucket === 'day' && reviews.series.at(-1) !== b) return null;
  return trendText(
    trendLabel(a, reviews.bucket),
    trendLabel(b, reviews.bucket),
    delta(b.prsReviewed, a.prsReviewed, a, b),
    delta(b.positiveShare, a.positiveShare, a, b),
  );
}

/**
 * A weekly message trends over weeks, not over its last two days ("Trend Tue 24 Nov → Wed 25 Nov" in
 * a weekly reply, issue 9): "Trend week of Mon 16 Nov → week of Mon 23 Nov: …" from the week-over-week
 * deltas, whatever bucket the week's own series uses.
 */
/** A monthly or quarterly digest trends between its named periods: "Trend October → November 2026: …". */
export function periodTrendLine(from: string, to: string, prsReviewed: Delta, positiveShare: Delta): string {
  return trendText(from, to, prsReviewed, positiveShare);
}

export function weekOverWeekTrendLine(prsReviewed: Delta, positiveShare: Delta): string {
  return trendText(
    `week of ${formatDate(prsReviewed.previousPeriod.start)}`,
    `week of ${formatDate(prsReviewed.currentPeriod.start)}`,
    prsReviewed,
    positiveShare,
  );
}
