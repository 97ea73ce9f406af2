/**
 * Codex code review figures: volume from `/code_reviews` rows, feedback (replies, reactions,
 * engagement) from `/code_review_responses` rows. Both endpoints are workspace level, one row per
 * bucket.
 */
import type { CodeReviewResponseRow, CodeReviewRow } from '../codex/schemas.js';
import type { TimeWindow } from '../domain/utc-days.js';
import { createBuckets } from './buckets.js';
import type { Bucket, ReviewFigures, ReviewPoint } from './figure-types.js';
import { isProvisional } from './freshness.js';

export interface ReviewOptions {
  window: TimeWindow;
  bucket: Bucket;
  /** The injected clock's now; only decides which points are provisional. */
  now: Date;
}

interface ReviewSums {
  prsReviewed: number;
  comments: number;
  upvotes: number;
  downvotes: number;
  /** `comments` as the responses endpoint counts them: the denominator `engaged` is bounded by. */
  respondedComments: number;
  engaged: number;
}

/**
 * Computes review figures over `window`.
 *
 * - PRs reviewed, comments and the P0/P1/P2 mix come from review rows; the mix is null when no row
 *   had `comment_details` and otherwise sums the rows that had it.
 * - engagementRate = engaged / the responses endpoint's own `comments` (rows with
 *   comment_response_details only), because the contract bounds `engaged ≤ comments` within that
 *   endpoint, which counts comments on PRs merged in the period — not `/code_reviews`' comments.
 *   Reports must print this denominator (`respondedComments`), never `comments`.
 * - positiveShare = upvotes / (upvotes + downvotes); null when there were none.
 * - The series runs from the window start to the newest bucket with a row of either kind.
 */
export function computeReviewFigures(
  reviewRows: readonly CodeReviewRow[],
  responseRows: readonly CodeReviewResponseRow[],
  options: ReviewOptions,
): ReviewFigures {
  const { window, bucket, now } = options;
  const buckets = createBuckets(window, bucket);
  const perBucket: ReviewSums[] = [];
  for (let b = 0; b < buckets.count; b++) perBucket.push(emptySums());
  let priority: { p0: number; p1: number; p2: number } | null = null;
  let replies = 0;
  let reactions = 0;
  let detailedReactions = 0;
  let otherReactions: number | null = null;
  let newestBucket = -1;

  for (const row of reviewRows) {
    const index = buckets.indexOf(row.start_time);
    const sums = perBucket[index];
    if (sums === undefined) continue;
    if (index > newestBucket) newestBucket = index;
    sums.prsReviewed += row.pull_request_reviews;
    sums.comments += row.comments;
    const details = row.comment_details;
    if (details !== null) {
      priority ??= { p0: 0, p1: 0, p2: 0 };
      priority.p0 += details.p0;
      priority.p1 += details.p1;
      priority.p2 += details.p2;
    }
  }
  for (const row of responseRows) {
    const index = buckets.indexOf(row.start_time);
    const sums = perBucket[index];
    if (sums === undefined) continue;
    if (index > newestBucket) newestBucket = index;
    replies += row.replies;
    reactions += row.reactions;
    const kinds = row.reaction_details;
    if (kinds !== null) {
      sums.upvotes += kinds.upvotes;
      sums.downvotes += kinds.downvotes;
      otherReactions = (otherReactions ?? 0) + kinds.other;
      detailedReactions += row.reactions;
    }
    // A row without comment_response_details says nothing about engagement: its comments must not
    // enter the denominator, or the rate would read low.
    const engagement = row.comment_response_details;
    if (engagement !== null) {
      sums.respondedComments += row.comments;
      sums.engaged += engagement.engaged;
    }
  }

  const total = emptySums();
  const series: ReviewPoint[] = [];
  perBucket.forEach((sums, b) => {
    total.prsReviewed += sums.prsReviewed;
    total.comments += sums.comments;
    total.upvotes += sums.upvotes;
    total.downvotes += sums.downvotes;
    total.respondedComments += sums.respondedComments;
    total.engaged += sums.engaged;
    if (b > newestBucket) return;
    const span = buckets.windowOf(b);
    series.push({
      ...span,
      prsReviewed: sums.prsReviewed,
      comments: sums.comments,
      positiveShare: positiveShare(sums),
      engagementRate: engagementRate(sums),
      provisional: isProvisional(span.end, now),
    });
  });

  return {
    window,
    bucket,
    prsReviewed: total.prsReviewed,
    comments: total.comments,
    priority,
    replies,
    reactions,
    upvotes: total.upvotes,
    downvotes: total.downvotes,
    otherReactions,
    detailedReactions,
    positiveShare: positiveShare(total),
    engagedComments: total.engaged,
    respondedComments: total.respondedComments,
    engagementRate: engagementRate(total),
    series,
  };
}

function emptySums(): ReviewSums {
  return { prsReviewed: 0, comments: 0, upvotes: 0, downvotes: 0, respondedComments: 0, engaged: 0 };
}

function positiveShare(sums: ReviewSums): number | null {
  const votes = sums.upvotes + sums.downvotes;
  return votes > 0 ? sums.upvotes / votes : null;
}

function engagementRate(sums: ReviewSums): number | null {
  return sums.respondedComments > 0 ? sums.engaged / sums.respondedComments : null;
}
