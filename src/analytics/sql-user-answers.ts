/**
 * ranking(), personal() and exportTable() answered by SQL against the warehouse (issue 11 §4): per-user
 * sums come back grouped by user (≤ one row per user), never a window of raw rows, so `top 90d` over
 * 20,000 users is one query instead of reading and parsing 1.8 M rows into memory. The caller's own
 * usage breakdown is computed by the pure computeUsageBreakdown over that one user's rows (personal-usage.ts). Answers equal
 * the row-computed ones (test/analytics/sql-user-answers.test.ts, both engines).
 */
import type { Clock } from '../clock.js';
import type { SurfaceOf } from '../domain/surfaces.js';
import { assignLabels, emailLocalPart } from '../figures/user-labels.js';
import { rankedUser } from '../figures/user-ranking.js';
import type { WarehouseUserFigures } from '../warehouse/warehouse-user-figures.js';
import { freshnessOf } from './answer-freshness.js';
import { collectPages, onePage, reviewsTable, usageTableOfDays, usersPagesOf } from './export-table.js';
import { personalUsage } from './personal-usage.js';
import { reviewsByTeamError } from './reviews-by-team-error.js';
import { rankedTotals, sqlRanking, surfacesOfCredits } from './sql-ranking.js';
import type { WindowRows } from './window-rows.js';
import type { WorkspaceAnalytics } from './workspace-analytics.js';

export interface SqlUserAnswersDeps {
  figures: WarehouseUserFigures;
  /** The warehouse's row source: tops a window up first (readiness), and reads Code Review days. */
  rows: Pick<WindowRows, 'ready' | 'codeReviews' | 'codeReviewResponses'>;
  clock: Clock;
  surfaceOf: SurfaceOf;
}

export type SqlUserAnswers = Pick<WorkspaceAnalytics, 'ranking' | 'personal' | 'exportTable' | 'exportPages'>;

export function sqlUserAnswers(deps: SqlUserAnswersDeps): SqlUserAnswers {
  const { figures, clock, surfaceOf } = deps;

  const answers: SqlUserAnswers = {
    async ranking(window, options) {
      const readiness = await deps.rows.ready(window, options.signal, 'question');
      const now = clock.now();
      const { sortBy, surface, topN, team } = options;
      const scope = team === undefined ? null : { teamId: team.teamId };
      return {
        ranking: await sqlRanking(figures, window, { sortBy, surface, topN, surfaceOf, now, scope }),
        freshness: freshnessOf(window, now, readiness),
      };
    },

    async personal(window, email, options = {}) {
      const readiness = await deps.rows.ready(window, options.signal, 'question');
      const userIds = new Set(await figures.usersWithEmail(window, email));
      if (userIds.size === 0) return null;
      const now = clock.now();
      // Everyone is ranked by credits so the caller's position is exact.
      const { ranked, totalCredits } = await rankedTotals(figures, window, {
        sortBy: 'credits',
        surface: null,
        topN: Number.MAX_SAFE_INTEGER,
        surfaceOf,
        now,
      });
      const index = ranked.findIndex((user) => userIds.has(user.userId));
      const mine = ranked[index];
      // Rows but no activity in the window: nothing personal to report.
      if (mine === undefined) return null;
      // An email's local part is its label; only a pseudonym depends on who else is listed (collisions).
      const label = emailLocalPart(mine.email) ?? assignLabels(ranked)[index] ?? mine.userId;
      const credits = await figures.userSurfaceCredits(window, [mine.userId], surfaceOf);
      const rows = await figures.rowsOfUsers(window, [...userIds]);
      return {
        user: rankedUser(mine, label, totalCredits, surfacesOfCredits(credits.get(mine.userId))),
        rank: index + 1,
        totalUsers: ranked.length,
        ...personalUsage(rows, { window, now, surfaceOf, readiness }),
      };
    },

    async exportPages(kind, window, options = {}) {
      if (kind === 'reviews' && options.team !== undefined) throw reviewsByTeamError();
      await deps.rows.ready(window, options.signal, 'question');
      const scope = options.team === undefined ? null : { teamId: options.team.teamId };
      if (kind === 'usage') return onePage(usageTableOfDays(await figures.usageDays(window, scope), window));
      if (kind === 'users') {
        return usersPagesOf(await figures.userEmails(window, scope), figures.userDays(window, scope));
      }
      // One row a day: the stored rows are the export's input as they are.
      const signal = options.signal ?? new AbortController().signal;
      const [reviews, responses] = await Promise.all([
        deps.rows.codeReviews(window, signal),
        deps.rows.codeReviewResponses(window, signal),
      ]);
      return onePage(reviewsTable(reviews, responses));
    },

    async exportTable(kind, window, options = {}) {
      return collectPages(await answers.exportPages(kind, window, options));
    },
  };
  return answers;
}
