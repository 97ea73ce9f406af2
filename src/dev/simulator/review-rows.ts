/**
 * Code review rows: workspace level, one per bucket. A day's numbers are O(1) in (seed, day), scaled by
 * the expected number of active users (adoption curve × weekday rhythm), and keep the contract's
 * invariants: upvotes + downvotes + other = reactions; max(reacted, replied) ≤ engaged ≤
 * min(comments, reacted + replied); upvoted ≤ upvotes; p0 + p1 + p2 = comments. All are linear or
 * preserved by addition, so week rows (sums of their days) keep them too.
 *
 * The two endpoints count different things (contract): responses follow the PRs merged in the period,
 * so `/code_review_responses` has its own `pull_request_reviews` and `comments` (mergedPrs,
 * mergedComments), and its engagement bounds hold against those, not `/code_reviews`' counts.
 */
import { DAY_SECONDS, isWeekend } from './calendar.js';
import { normal, uniform } from './seeded-random.js';
import { adoptedShare, type SimulatedOrg } from './simulated-org.js';

export interface ReviewCounts {
  prs: number;
  comments: number;
  /** PRs and comments as `/code_review_responses` counts them (PRs merged in the period). */
  mergedPrs: number;
  mergedComments: number;
  p0: number;
  p1: number;
  p2: number;
  replies: number;
  upvotes: number;
  downvotes: number;
  otherReactions: number;
  engaged: number;
  reacted: number;
  upvoted: number;
  downvoted: number;
  reactedOther: number;
  replied: number;
}

// Salts (4xx).
const S = {
  prs: 401,
  comments: 402,
  p0: 403,
  p1: 404,
  reacted: 405,
  replied: 406,
  engaged: 407,
  upvoted: 408,
  downvoted: 409,
  upvotes: 410,
  downvotes: 411,
  other: 412,
  replies: 413,
  mergedPrs: 414,
  mergedComments: 415,
};

/** All-zero counts. */
export function zeroReviews(): ReviewCounts {
  return {
    prs: 0,
    comments: 0,
    mergedPrs: 0,
    mergedComments: 0,
    p0: 0,
    p1: 0,
    p2: 0,
    replies: 0,
    upvotes: 0,
    downvotes: 0,
    otherReactions: 0,
    engaged: 0,
    reacted: 0,
    upvoted: 0,
    downvoted: 0,
    reactedOther: 0,
    replied: 0,
  };
}

/** target += source, field by field. */
export function addReviews(target: ReviewCounts, source: ReviewCounts): void {
  for (const key of Object.keys(target) as (keyof ReviewCounts)[]) target[key] += source[key];
}

/** The workspace's code review activity on `day` (`fraction` < 1 for the running day). */
export function reviewDay(org: SimulatedOrg, day: number, fraction: number): ReviewCounts {
  const counts = zeroReviews();
  if (fraction <= 0) return counts;
  const u = (salt: number) => uniform(org.seed, salt, day);
  const expectedActive = org.users * adoptedShare(org, day) * 0.45 * (isWeekend(day) ? 0.15 : 1) * fraction;
  const prs = Math.round(expectedActive * 0.3 * Math.exp(0.25 * normal(org.seed, S.prs, day)));
  const comments = Math.round(prs * (0.8 + 1.6 * u(S.comments)));
  const p0 = Math.round(comments * (0.02 + 0.06 * u(S.p0)));
  const p1 = Math.min(comments - p0, Math.round(comments * (0.15 + 0.2 * u(S.p1))));
  // Merged PRs lag and lead reviews: the same order of magnitude, rarely the same count.
  const mergedPrs = Math.round(prs * (0.7 + 0.5 * u(S.mergedPrs)));
  const mergedComments = Math.round(comments * (0.7 + 0.5 * u(S.mergedComments)));
  const reacted = Math.round(mergedComments * (0.2 + 0.25 * u(S.reacted)));
  const replied = Math.round(mergedComments * (0.06 + 0.12 * u(S.replied)));
  const low = Math.max(reacted, replied);
  const high = Math.min(mergedComments, reacted + replied);
  const upvoted = Math.round(reacted * (0.55 + 0.25 * u(S.upvoted)));
  const downvoted = Math.min(reacted - upvoted, Math.round(reacted * (0.05 + 0.15 * u(S.downvoted))));
  const reactedOther = reacted - upvoted - downvoted;
  Object.assign(counts, {
    prs,
    comments,
    mergedPrs,
    mergedComments,
    p0,
    p1,
    p2: comments - p0 - p1,
    engaged: Math.min(high, low + Math.floor(u(S.engaged) * (high - low + 1))),
    reacted,
    replied,
    upvoted,
    downvoted,
    reactedOther,
    // A comment can collect several reactions and replies, so totals exceed the comment counts.
    upvotes: upvoted + Math.round(upvoted * 0.3 * u(S.upvotes)),
    downvotes: downvoted + Math.round(downvoted * 0.2 * u(S.downvotes)),
    otherReactions: reactedOther + Math.round(reactedOther * 0.5 * u(S.other)),
    replies: replied + Math.round(replied * 0.6 * u(S.replies)),
  });
  return counts;
}

/** A `/code_reviews` row; `running` (the bucket holds the running day) leaves out `comment_details`. */
export function codeReviewRowJson(
  c: ReviewCounts,
  startDay: number,
  days: number,
  running: boolean,
): Record<string, unknown> {
  const row: Record<string, unknown> = {
    start_time: startDay * DAY_SECONDS,
    end_time: (startDay + days) * DAY_SECONDS,
    pull_request_reviews: c.prs,
    comments: c.comments,
  };
  if (!running) row.comment_details = { p0: c.p0, p1: c.p1, p2: c.p2 };
  return row;
}

/** A `/code_review_responses` row; `running` leaves out `reaction_details` and `comment_response_details`. */
export function codeReviewResponseRowJson(
  c: ReviewCounts,
  startDay: number,
  days: number,
  running: boolean,
): Record<string, unknown> {
  const row: Record<string, unknown> = {
    start_time: startDay * DAY_SECONDS,
    end_time: (startDay + days) * DAY_SECONDS,
    pull_request_reviews: c.mergedPrs,
    comments: c.mergedComments,
    replies: c.replies,
    reactions: c.upvotes + c.downvotes + c.otherReactions,
  };
  if (running) return row;
  return {
    ...row,
    reaction_details: { upvotes: c.upvotes, downvotes: c.downvotes, other: c.otherReactions },
    comment_response_details: {
      engaged: c.engaged,
      reacted: c.reacted,
      upvoted: c.upvoted,
      downvoted: c.downvoted,
      reacted_other: c.reactedOther,
      replied: c.replied,
    },
  };
}
