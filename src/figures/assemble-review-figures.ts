import type { TimeWindow } from '../domain/utc-days.js';
import { type Buckets, createBuckets } from './buckets.js';
import type { Bucket, ReviewFigures, ReviewPoint } from './figure-types.js';
import { isProvisional } from './freshness.js';

/** A bucket's (or the whole window's) review sums, before any rate is taken. */
export interface ReviewSums {
  prsReviewed: number;
  comments: number;
  upvotes: number;
  downvotes: number;
  /** `comments` as the responses endpoint counts them: the denominator `engaged` is bounded by. */
  respondedComments: number;
  engaged: number;
}

/**
 * What both paths to review figures sum up before assembleReviewFigures: from API rows
 * (computeReviewFigures) or in SQL (the warehouse's warehouseReviewFigures).
 */
export interface ReviewTally
  extends Pick<
    ReviewFigures,
    'window' | 'bucket' | 'priority' | 'replies' | 'reactions' | 'detailedReactions' | 'otherReactions'
  > {
  buckets: Buckets;
  perBucket: ReviewSums[];
  total: ReviewSums;
  /** The newest bucket with a row of either kind (-1 while none): the series stops there. */
  newestBucket: number;
}

export function emptyReviewSums(): ReviewSums {
  return { prsReviewed: 0, comments: 0, upvotes: 0, downvotes: 0, respondedComments: 0, engaged: 0 };
}

/** Nothing summed yet over `window`: every bucket zero, no details seen. */
export function emptyReviewTally(window: TimeWindow, bucket: Bucket): ReviewTally {
  const buckets = createBuckets(window, bucket);
  return {
    window,
    bucket,
    buckets,
    perBucket: Array.from({ length: buckets.count }, emptyReviewSums),
    total: emptyReviewSums(),
    newestBucket: -1,
    priority: null,
    replies: 0,
    reactions: 0,
    detailedReactions: 0,
    otherReactions: null,
  };
}

/**
 * Review figures from their sums: the rates with their null rules, and the series, in one place so the
 * pure function and the warehouse's SQL cannot drift apart.
 * - positiveShare = upvotes / (upvotes + downvotes); null when there were none.
 * - engagementRate = engaged / respondedComments (never `comments`); null when that is 0.
 * `now` (the injected clock's) only decides which points are provisional.
 */
export function assembleReviewFigures(tally: ReviewTally, now: Date): ReviewFigures {
  const { buckets, perBucket, total } = tally;
  const series: ReviewPoint[] = [];
  for (let b = 0; b <= tally.newestBucket; b++) {
    const sums = perBucket[b] ?? emptyReviewSums();
    const span = buckets.windowOf(b);
    series.push({
      ...span,
      prsReviewed: sums.prsReviewed,
      comments: sums.comments,
      positiveShare: positiveShare(sums),
      engagementRate: engagementRate(sums),
      provisional: isProvisional(span.end, now),
    });
  }
  return {
    window: tally.window,
    bucket: tally.bucket,
    prsReviewed: total.prsReviewed,
    comments: total.comments,
    priority: tally.priority,
    replies: tally.replies,
    reactions: tally.reactions,
    upvotes: total.upvotes,
    downvotes: total.downvotes,
    otherReactions: tally.otherReactions,
    detailedReactions: tally.detailedReactions,
    positiveShare: positiveShare(total),
    engagedComments: total.engaged,
    respondedComments: total.respondedComments,
    engagementRate: engagementRate(total),
    series,
  };
}

function positiveShare(sums: ReviewSums): number | null {
  const votes = sums.upvotes + sums.downvotes;
  return votes > 0 ? sums.upvotes / votes : null;
}

function engagementRate(sums: ReviewSums): number | null {
  return sums.respondedComments > 0 ? sums.engaged / sums.respondedComments : null;
}
