/**
 * Code review figures in SQL: what computeReviewFigures (src/figures/review-figures.ts) returns on the
 * same rows, from one aggregate query per endpoint; the sums become figures through the same
 * assembleReviewFigures as the pure function's. The "had details" rules are read from the typed
 * columns: a row had `comment_details` when p0 is not null, `reaction_details` when upvotes is not
 * null, `comment_response_details` when engaged is not null.
 */
import { z } from 'zod';
import type { TimeWindow } from '../domain/utc-days.js';
import { assembleReviewFigures, emptyReviewTally } from '../figures/assemble-review-figures.js';
import type { ReviewFigures } from '../figures/figure-types.js';
import { bucketIndex, countValue, QueryParams, sqlBuckets } from './figure-query-parts.js';
import type { ReviewFigureQuery } from './warehouse-figure-queries.js';
import type { WarehouseSql } from './warehouse-sql.js';

const reviewRow = z.object({
  idx: bucketIndex,
  row_count: countValue,
  prs: countValue,
  comments: countValue,
  detailed: countValue,
  p0: countValue,
  p1: countValue,
  p2: countValue,
});
const responseRow = z.object({
  idx: bucketIndex,
  row_count: countValue,
  replies: countValue,
  reactions: countValue,
  upvotes: countValue,
  downvotes: countValue,
  with_kinds: countValue,
  other_reactions: countValue,
  detailed_reactions: countValue,
  responded: countValue,
  engaged: countValue,
});

function range(window: TimeWindow, params: QueryParams): string {
  return `d.start_time >= ${params.add(window.start)} AND d.start_time < ${params.add(window.end)}`;
}

/** Review figures of `query.window`, as computeReviewFigures. */
export async function warehouseReviewFigures(
  sql: WarehouseSql,
  query: ReviewFigureQuery,
): Promise<ReviewFigures> {
  const { window, bucket, now } = query;
  const tally = emptyReviewTally(window, bucket);
  const { perBucket, total } = tally;
  const grid = sqlBuckets(window, bucket);

  if (grid !== null) {
    const reviewParams = new QueryParams();
    const responseParams = new QueryParams();
    const [reviews, responses] = await Promise.all([
      sql.query(
        `SELECT r.idx AS idx, COUNT(*) AS row_count, SUM(r.pull_request_reviews) AS prs,
           SUM(r.comments) AS comments, COUNT(r.p0) AS detailed, SUM(r.p0) AS p0, SUM(r.p1) AS p1,
           SUM(r.p2) AS p2
         FROM (SELECT ${grid.indexOf('d')} AS idx, d.* FROM code_review_daily d WHERE ${range(window, reviewParams)}) AS r
         GROUP BY GROUPING SETS ((r.idx), ())`,
        reviewParams.values,
      ),
      sql.query(
        `SELECT r.idx AS idx, COUNT(*) AS row_count, SUM(r.replies) AS replies,
           SUM(r.reactions) AS reactions, SUM(r.upvotes) AS upvotes, SUM(r.downvotes) AS downvotes,
           COUNT(r.upvotes) AS with_kinds, SUM(CASE WHEN r.upvotes IS NOT NULL THEN r.other_reactions END) AS other_reactions,
           SUM(CASE WHEN r.upvotes IS NOT NULL THEN r.reactions END) AS detailed_reactions,
           SUM(CASE WHEN r.engaged IS NOT NULL THEN r.comments END) AS responded, SUM(r.engaged) AS engaged
         FROM (
           SELECT ${grid.indexOf('d')} AS idx, d.* FROM code_review_response_daily d
           WHERE ${range(window, responseParams)}
         ) AS r
         GROUP BY GROUPING SETS ((r.idx), ())`,
        responseParams.values,
      ),
    ]);
    for (const row of reviews) {
      const r = reviewRow.parse(row);
      const sums = r.idx === null ? total : perBucket[r.idx];
      if (sums === undefined) continue;
      sums.prsReviewed = r.prs;
      sums.comments = r.comments;
      if (r.idx === null) {
        if (r.detailed > 0) tally.priority = { p0: r.p0, p1: r.p1, p2: r.p2 };
      } else if (r.row_count > 0 && r.idx > tally.newestBucket) tally.newestBucket = r.idx;
    }
    for (const row of responses) {
      const r = responseRow.parse(row);
      const sums = r.idx === null ? total : perBucket[r.idx];
      if (sums === undefined) continue;
      sums.upvotes = r.upvotes;
      sums.downvotes = r.downvotes;
      sums.respondedComments = r.responded;
      sums.engaged = r.engaged;
      if (r.idx === null) {
        tally.replies = r.replies;
        tally.reactions = r.reactions;
        tally.detailedReactions = r.detailed_reactions;
        if (r.with_kinds > 0) tally.otherReactions = r.other_reactions;
      } else if (r.row_count > 0 && r.idx > tally.newestBucket) tally.newestBucket = r.idx;
    }
  }

  return assembleReviewFigures(tally, now);
}
