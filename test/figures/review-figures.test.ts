import { describe, expect, it } from 'vitest';
import { codeReviewResponseRowSchema } from '../../src/codex/schemas.js';
import { computeReviewFigures } from '../../src/figures/review-figures.js';
import { at, responseRow, reviewRow, sec } from './fixture-rows.js';

const week = { start: sec('2026-03-02'), end: sec('2026-03-09') };
const options = { window: week, bucket: 'day', now: at('2026-03-11T10:00:00') } as const;

const reviews = [
  reviewRow('2026-03-02', 4, 10, { p0: 1, p1: 3, p2: 6 }),
  reviewRow('2026-03-03', 2, 5),
  reviewRow('2026-03-05', 1, 2, { p0: 0, p1: 1, p2: 1 }),
  reviewRow('2026-03-09', 100, 100, { p0: 100, p1: 0, p2: 0 }),
];
const responses = [
  responseRow('2026-03-02', {
    comments: 10,
    replies: 3,
    upvotes: 4,
    downvotes: 1,
    other: 1,
    engaged: 5,
    reacted: 4,
    replied: 3,
  }),
  responseRow('2026-03-05', {
    comments: 2,
    replies: 0,
    upvotes: 0,
    downvotes: 2,
    other: 0,
    engaged: 1,
    reacted: 1,
    replied: 0,
  }),
  responseRow('2026-02-27', {
    comments: 9,
    replies: 9,
    upvotes: 9,
    downvotes: 0,
    other: 0,
    engaged: 9,
    reacted: 9,
    replied: 9,
  }),
];

describe('computeReviewFigures', () => {
  const figures = computeReviewFigures(reviews, responses, options);

  it('sums volume, the priority mix of rows that had it, and feedback within the window', () => {
    expect(figures).toMatchObject({
      prsReviewed: 7,
      comments: 17,
      priority: { p0: 1, p1: 4, p2: 7 },
      replies: 3,
      reactions: 8,
      upvotes: 4,
      downvotes: 3,
      engagedComments: 6,
      respondedComments: 12,
      engagementRate: 0.5,
      otherReactions: 1,
      detailedReactions: 8,
    });
    expect(figures.positiveShare).toBeCloseTo(4 / 7, 12);
  });

  it('takes rates only from rows that carry their details; nothing is invented without them (issue 9)', () => {
    const bare = codeReviewResponseRowSchema.parse({
      start_time: sec('2026-03-03'),
      end_time: sec('2026-03-04'),
      pull_request_reviews: 3,
      comments: 20,
      replies: 2,
      reactions: 6,
    });
    const withBare = computeReviewFigures(reviews, [...responses, bare], options);
    // The bare row's 20 comments have no engagement data: the rate stays 6 of 12.
    expect(withBare).toMatchObject({ respondedComments: 12, engagementRate: 0.5, reactions: 14 });
    expect(withBare).toMatchObject({ otherReactions: 1, detailedReactions: 8 });
    const onlyBare = computeReviewFigures(reviews, [bare], options);
    expect(onlyBare).toMatchObject({ otherReactions: null, detailedReactions: 0, engagementRate: null });
  });

  it('keeps the contract invariants', () => {
    expect(figures.upvotes + figures.downvotes).toBeLessThanOrEqual(figures.reactions);
    expect(figures.engagedComments).toBeLessThanOrEqual(figures.comments);
    const full = computeReviewFigures(
      [reviews[0], reviews[2]].flatMap((r) => (r ? [r] : [])),
      [],
      options,
    );
    const mix = full.priority;
    expect(mix && mix.p0 + mix.p1 + mix.p2).toBe(full.comments);
  });

  it('has a point per day up to the newest row, with rates null where undefined', () => {
    expect(
      figures.series.map((p) => [p.start, p.prsReviewed, p.comments, p.positiveShare, p.engagementRate]),
    ).toEqual([
      [sec('2026-03-02'), 4, 10, 0.8, 0.5],
      [sec('2026-03-03'), 2, 5, null, null],
      [sec('2026-03-04'), 0, 0, null, null],
      [sec('2026-03-05'), 1, 2, 0, 0.5],
    ]);
    expect(figures.series.every((p) => !p.provisional)).toBe(true);
    // At 03-10 00:00, 5 days back is 03-05 00:00: only the 03-05 point may still change.
    const early = computeReviewFigures(reviews, responses, { ...options, now: at('2026-03-10T00:00:00') });
    expect(early.series.map((p) => p.provisional)).toEqual([false, false, false, true]);
  });

  it('reports an unknown priority mix and rates as null, not zero', () => {
    const bare = computeReviewFigures([reviewRow('2026-03-03', 2, 5)], [], options);
    expect(bare).toMatchObject({
      prsReviewed: 2,
      comments: 5,
      priority: null,
      positiveShare: null,
      engagementRate: null,
    });
    const empty = computeReviewFigures([], [], options);
    expect(empty).toMatchObject({ prsReviewed: 0, comments: 0, priority: null, reactions: 0, series: [] });
  });

  it('buckets by week', () => {
    const weekly = computeReviewFigures(reviews, responses, {
      ...options,
      bucket: 'week',
      window: { start: sec('2026-02-23'), end: sec('2026-03-09') },
    });
    expect(weekly.series.map((p) => [p.prsReviewed, p.positiveShare])).toEqual([
      [0, 1],
      [7, 4 / 7],
    ]);
  });
});
