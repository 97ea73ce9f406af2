/**
 * Codex code review figures: volume from `/code_reviews` rows, feedback (replies, reactions,
 * engagement) from `/code_review_responses` rows. Both endpoints are workspace level, one row per
 * bucket.
 */
import type { CodeReviewResponseRow, CodeReviewRow } from '../codex/schemas.js';
import type { TimeWindow } from '../domain/utc-days.js';
import { assembleReviewFigures, emptyReviewTally } from './assemble-review-figures.js';
import type { Bucket, ReviewFigures } from './figure-types.js';

export interface ReviewOptions {
  window: TimeWindow;
  bucket: Bucket;
  /** The injected clock's now; only decides which points are provisional. */
  now: Date;
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
  const tally = emptyReviewTally(window, bucket);
  const { buckets, perBucket, total } = tally;

  for (const row of reviewRows) {
    const index = buckets.indexOf(row.start_time);
    const sums = perBucket[index];
    if (sums === undefined) continue;
    if (index > tally.newestBucket) tally.newestBucket = index;
    sums.prsReviewed += row.pull_request_reviews;
    sums.comments += row.comments;
    const details = row.comment_details;
    if (details !== null) {
      tally.priority ??= { p0: 0, p1: 0, p2: 0 };
      tally.priority.p0 += details.p0;
      tally.priority.p1 += details.p1;
      tally.priority.p2 += details.p2;
    }
  }
  for (const row of responseRows) {
    const index = buckets.indexOf(row.start_time);
    const sums = perBucket[index];
    if (sums === undefined) continue;
    if (index > tally.newestBucket) tally.newestBucket = index;
    tally.replies += row.replies;
    tally.reactions += row.reactions;
    const kinds = row.reaction_details;
    if (kinds !== null) {
      sums.upvotes += kinds.upvotes;
      sums.downvotes += kinds.downvotes;
      tally.otherReactions = (tally.otherReactions ?? 0) + kinds.other;
      tally.detailedReactions += row.reactions;
    }
    // A row without comment_response_details says nothing about engagement: its comments must not
    // enter the denominator, or the rate would read low.
    const engagement = row.comment_response_details;
    if (engagement !== null) {
      sums.respondedComments += row.comments;
      sums.engaged += engagement.engaged;
    }
  }

  for (const sums of perBucket) {
    total.prsReviewed += sums.prsReviewed;
    total.comments += sums.comments;
    total.upvotes += sums.upvotes;
    total.downvotes += sums.downvotes;
    total.respondedComments += sums.respondedComments;
    total.engaged += sums.engaged;
  }
  return assembleReviewFigures(tally, now);
}
