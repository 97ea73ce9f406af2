/**
 * The WorkspaceAnalytics implementation: cached window reads (window-loader.ts) from a row source — the
 * usage warehouse for every answer (issue 11) — as plain API rows, figures computed on demand by the
 * pure functions in src/figures (the warehouse's SQL answers instead when its figures are given). Whatever the source, the same functions
 * compute every figure, so warehouse answers equal API answers on the same rows by construction.
 */

import type { Clock } from '../clock.js';
import { userIdOf } from '../codex/row-identity.js';
import type { SurfaceOf } from '../domain/surfaces.js';
import { DAY_SECONDS, dayKey, lastClosedWeek } from '../domain/utc-days.js';
import { computeAdoption } from '../figures/adoption.js';
import { computeDigestFigures } from '../figures/digest-figures.js';
import { computeReviewFigures } from '../figures/review-figures.js';
import { computeUsageBreakdown } from '../figures/usage-breakdown.js';
import type { UsageRows } from '../figures/usage-rows.js';
import { rankUsers } from '../figures/user-ranking.js';
import type { Logger } from '../logger.js';
import type { WarehouseUserFigures } from '../warehouse/warehouse-user-figures.js';
import { freshnessOf, withReadiness } from './answer-freshness.js';
import { digestWindow } from './digest-window.js';
import { onePage, reviewsTable, usageTable, usersTable } from './export-table.js';
import { personalUsage } from './personal-usage.js';
import { reviewsByTeamError } from './reviews-by-team-error.js';
import { rowsOfUsers, rowsOnSurface } from './row-filters.js';
import { sqlFigureAnswers } from './sql-figure-answers.js';
import { sqlUserAnswers } from './sql-user-answers.js';
import type { DigestWarehouse } from './warehouse-digest.js';
import { createWindowLoader } from './window-loader.js';
import type { WindowRows } from './window-rows.js';
import type { TeamScope, WorkspaceAnalytics } from './workspace-analytics.js';

export interface WorkspaceAnalyticsDeps {
  /** Rows of `workspaceId`: the warehouse's (warehouse-window-rows.ts), or the API's (window-rows.ts). */
  rows: WindowRows;
  clock: Clock;
  logger: Logger;
  surfaceOf: SurfaceOf;
  /** How long a read window is reused (CACHE_TTL_SECONDS × 1000); 0 shares only in-flight pulls. */
  cacheTtlMs: number;
  workspaceId: string;
  /** Windows kept per endpoint, default 8 (only the row path reads windows: see `figures`). */
  maxCachedWindows?: number;
  /**
   * The warehouse's per-user SQL (issue 11 §4): when given, ranking, personal and exports are queries
   * (sql-user-answers.ts) instead of figures over a window of rows read into memory.
   */
  userFigures?: WarehouseUserFigures;
  /**
   * The warehouse's aggregate SQL (issue 11 §4): when given, usage, reviews and the digest are queries
   * (sql-figure-answers.ts) instead of the pure functions over a window of rows read into memory.
   */
  figures?: DigestWarehouse;
}

/** Builds the analytics for one workspace. Cheap: nothing is fetched until a question is asked. */
export function createWorkspaceAnalytics(deps: WorkspaceAnalyticsDeps): WorkspaceAnalytics {
  const { clock, surfaceOf } = deps;
  const loader = createWindowLoader({
    rows: deps.rows,
    clock,
    logger: deps.logger,
    cacheTtlMs: deps.cacheTtlMs,
    workspaceId: deps.workspaceId,
    maxCachedWindows: deps.maxCachedWindows ?? 8,
  });

  const fromRows: WorkspaceAnalytics = {
    workspaceId: deps.workspaceId,

    async usage(window, options) {
      const { usage: store, readiness } = await loader.usage(window, options.signal);
      const scoped = ofTeam(store, options.team);
      const rows = options.surface === null ? scoped : rowsOnSurface(scoped, options.surface, surfaceOf);
      const now = clock.now();
      const freshness = freshnessOf(window, now, readiness);
      // A team's or a surface's rows stop at its last active day: the series runs through the newest
      // complete day, as the SQL answer's does (sql-figure-answers.ts).
      const seriesThrough = freshness.newestCompleteDay;
      const figureOptions = { window, bucket: options.bucket, surfaceOf, now, seriesThrough };
      return {
        adoption: computeAdoption(rows, figureOptions),
        usage: computeUsageBreakdown(rows, figureOptions),
        freshness,
      };
    },

    async ranking(window, options) {
      const { usage: store, readiness } = await loader.usage(window, options.signal);
      const now = clock.now();
      const { sortBy, surface, topN } = options;
      return {
        ranking: rankUsers(ofTeam(store, options.team), { window, sortBy, surface, topN, surfaceOf, now }),
        freshness: freshnessOf(window, now, readiness),
      };
    },

    async reviews(window, options) {
      const data = await loader.reviews(window, options.signal);
      const now = clock.now();
      return {
        reviews: computeReviewFigures(data.reviews, data.responses, { window, bucket: options.bucket, now }),
        freshness: freshnessOf(window, now, data.readiness),
      };
    },

    async personal(window, email, options = {}) {
      const { usage: store, readiness } = await loader.usage(window, options.signal);
      const userIds = usersWithEmail(store, email);
      if (userIds.size === 0) return null;
      const now = clock.now();
      // Everyone is ranked so the caller's position is exact; labels only matter for the caller's line.
      const ranking = rankUsers(store, {
        window,
        sortBy: 'credits',
        surface: null,
        topN: Number.MAX_SAFE_INTEGER,
        surfaceOf,
        now,
      });
      const index = ranking.users.findIndex((user) => userIds.has(user.userId));
      const user = ranking.users[index];
      // Rows but no activity in the window: nothing personal to report.
      if (user === undefined) return null;
      return {
        user,
        rank: index + 1,
        totalUsers: ranking.totalUsers,
        ...personalUsage(rowsOfUsers(store, userIds), { window, now, surfaceOf, readiness }),
      };
    },

    async digest(now, options) {
      const window = digestWindow(now);
      const data = await loader.load(window, options.signal);
      // Closed periods only: a digest never reports the days of its week the store does not hold yet.
      const { topUpError, dataThrough } = data.readiness;
      const weekLastDay = dayKey(lastClosedWeek(now).end - DAY_SECONDS);
      if (topUpError !== null && (dataThrough === null || dataThrough < weekLastDay)) throw topUpError;
      const figures = computeDigestFigures({
        usageRows: ofTeam(data.usage, options.team),
        reviewRows: data.reviews,
        responseRows: data.responses,
        now,
        surfaceOf,
        topN: options.topN,
      });
      return { ...figures, freshness: withReadiness(figures.freshness, data.readiness) };
    },

    // The API serves its lookback and no further: that is the history this implementation holds. The
    // warehouse-backed implementation answers its first synced day instead (issue 11 §3).
    async historyStart() {
      const start = await deps.rows.historyStart();
      return start === null ? null : new Date(start * 1000);
    },

    async exportTable(kind, window, options = {}) {
      if (kind === 'reviews') {
        if (options.team !== undefined) throw reviewsByTeamError();
        const data = await loader.reviews(window, options.signal);
        return reviewsTable(data.reviews, data.responses);
      }
      const { usage: loaded } = await loader.usage(window, options.signal);
      const store = ofTeam(loaded, options.team);
      return kind === 'usage' ? usageTable(store, window, surfaceOf, clock.now()) : usersTable(store);
    },

    async exportPages(kind, window, options = {}) {
      return onePage(await fromRows.exportTable(kind, window, options));
    },
  };
  const { userFigures, figures } = deps;
  return {
    ...fromRows,
    ...(userFigures === undefined
      ? {}
      : sqlUserAnswers({ figures: userFigures, rows: deps.rows, clock, surfaceOf })),
    ...(figures === undefined ? {} : sqlFigureAnswers({ figures, rows: deps.rows, clock, surfaceOf })),
  };
}

/** The rows of a team's matched members, or all rows without a team. */
function ofTeam(rows: UsageRows, team: TeamScope | undefined): UsageRows {
  return team === undefined ? rows : rowsOfUsers(rows, new Set(team.codexUserIds));
}

/** User ids whose actor email (or the legacy row email) matches, ignoring case. */
function usersWithEmail(rows: UsageRows, email: string): Set<string> {
  const wanted = email.trim().toLowerCase();
  const found = new Set<string>();
  for (const row of rows) {
    const userId = userIdOf(row);
    if (userId === null || found.has(userId)) continue;
    const candidates = [row.actor?.email, row.email];
    if (candidates.some((e) => e != null && e.toLowerCase() === wanted)) found.add(userId);
  }
  return found;
}
