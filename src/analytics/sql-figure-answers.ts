/**
 * Usage, reviews and the digest as aggregate queries in the warehouse's SQL (issue 11 §4): the same
 * figures as the pure functions over every row read into memory (test/analytics/warehouse-sql-figures
 * and warehouse-cross-check hold them to it), without reading the rows. Readiness (the top-up of a
 * window the store does not hold yet, and the footer's age) is the row source's, as for every answer.
 */
import type { Clock } from '../clock.js';
import type { SurfaceOf } from '../domain/surfaces.js';
import { DAY_SECONDS, dayKey, lastClosedWeek } from '../domain/utc-days.js';
import { freshnessOf, withReadiness } from './answer-freshness.js';
import { digestWindow } from './digest-window.js';
import { type DigestWarehouse, warehouseDigestFigures } from './warehouse-digest.js';
import type { RowsReadiness, WindowRows } from './window-rows.js';
import type { WorkspaceAnalytics } from './workspace-analytics.js';

export interface SqlFigureAnswersDeps {
  figures: DigestWarehouse;
  rows: Pick<WindowRows, 'ready'>;
  clock: Clock;
  surfaceOf: SurfaceOf;
}

export type SqlFigureAnswers = Pick<WorkspaceAnalytics, 'usage' | 'reviews' | 'digest'>;

export function sqlFigureAnswers(deps: SqlFigureAnswersDeps): SqlFigureAnswers {
  const { figures, rows, clock, surfaceOf } = deps;
  return {
    async usage(window, options) {
      const readiness = await rows.ready(window, options.signal, 'question');
      const now = clock.now();
      const { bucket, surface, team } = options;
      const users = team === undefined ? null : { teamId: team.teamId };
      const freshness = freshnessOf(window, now, readiness);
      // A team's or a surface's rows stop at its last active day: the series runs through the newest
      // complete day, so a quiet weekend shows as zeros rather than being cut off the chart.
      const seriesThrough = freshness.newestCompleteDay;
      const answer = await figures.usageFigures({
        window,
        bucket,
        surface,
        surfaceOf,
        now,
        users,
        seriesThrough,
      });
      return { ...answer, freshness };
    },

    async reviews(window, options) {
      const readiness = await rows.ready(window, options.signal, 'question');
      const now = clock.now();
      return {
        reviews: await figures.reviewFigures({ window, bucket: options.bucket, now }),
        freshness: freshnessOf(window, now, readiness),
      };
    },

    async digest(now, options) {
      const readiness = await rows.ready(digestWindow(now), options.signal, 'closed-period');
      assertPeriodHeld(now, readiness);
      const digest = await warehouseDigestFigures(figures, {
        now,
        surfaceOf,
        topN: options.topN,
        team: options.team,
      });
      return { ...digest, freshness: withReadiness(digest.freshness, readiness) };
    },
  };
}

/** Closed periods only: a digest never reports the days of its week the store does not hold yet. */
function assertPeriodHeld(now: Date, readiness: RowsReadiness): void {
  const { topUpError, dataThrough } = readiness;
  const weekLastDay = dayKey(lastClosedWeek(now).end - DAY_SECONDS);
  if (topUpError !== null && (dataThrough === null || dataThrough < weekLastDay)) throw topUpError;
}
