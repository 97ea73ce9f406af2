/**
 * WarehouseUserFigures over any WarehouseSql driver: both engines run these statements unchanged.
 *
 * The ranking's rules (src/figures/user-ranking.ts, row-activity.ts) in SQL:
 * - Without a surface filter a day counts its totals and is active by the stored `active` flag. With
 *   one, a day counts only its clients[] items of that surface (summed per day, active when the sums
 *   are), except that a day without clients[] is wholly Other.
 * - Email: the newest non-null email on the user's rows in the window.
 * - Streak: consecutive active days ending on `streakEnd`, looking past the window start only as far
 *   as `historyStart` (as extendStreaks does). Each user's active days come back as bitmaps — BIT_OR of
 *   1 << (days before streakEnd), 63 days per BIGINT — folded into the one GROUP BY, and the run of set
 *   bits from bit 0 is counted here: a window function sorting every active day took 3× the scan.
 *
 * client_id → surface is the app's SurfaceOf (configurable, with a prefix rule), so the surface filter
 * is an IN list of the window's client ids that map to the surface; listed users' surfaces are summed
 * per client id and mapped here.
 */
import { z } from 'zod';
import { type UsageRow, usageRowSchema } from '../codex/schemas.js';
import type { Surface, SurfaceOf } from '../domain/surfaces.js';
import { DAY_SECONDS, type TimeWindow } from '../domain/utc-days.js';
import type { UserTotals } from '../figures/user-ranking.js';
import type { SqlParam, WarehouseSql } from './warehouse-sql.js';
import type {
  DayMetrics,
  UserDay,
  UserScope,
  UserTotalsOptions,
  WarehouseUserFigures,
} from './warehouse-user-figures.js';

/** Days of per-user rows per export page: 20,000 users × 7 days is 140k rows. */
const EXPORT_PAGE_DAYS = 7;

const count = z.coerce.number();
const nullableCount = z.union([z.null(), z.coerce.number()]);
const nullableText = z.string().nullable();
const totalsRow = z.object({
  user_id: z.string(),
  email: nullableText,
  credits: count,
  threads: count,
  turns: count,
  tokens: nullableCount,
});
/** 63 days of a streak bitmap (bit n: active n days before the streak's last day), as BIGINT. */
const bitWord = z.union([z.string(), z.number(), z.bigint()]).transform((v) => BigInt(v));
const surfaceCreditsRow = z.object({
  user_id: z.string(),
  client_id: nullableText,
  clientless: count,
  credits: count,
});
const metricsShape = {
  threads: count,
  turns: count,
  credits: count,
  uncached: nullableCount,
  cached: nullableCount,
  output: nullableCount,
  total: nullableCount,
  cost_usd: nullableCount,
  estimated_cost_usd: nullableCount,
};
const usageDayRow = z.object({ start_time: count, active_users: count, ...metricsShape });
const userDayRow = z.object({ start_time: count, user_id: z.string(), email: nullableText, ...metricsShape });
const emailRow = z.object({ user_id: z.string(), email: nullableText });
const userIdRow = z.object({ user_id: z.string() });
const clientIdRow = z.object({ client_id: z.string() });
const rawRow = z.object({ raw: z.string() });

/** Consecutive set bits from bit 0 of the first word on, 63 bits a word: the streak's days. */
function trailingOnes(words: readonly bigint[]): number {
  let streak = 0;
  for (const word of words) {
    for (let bit = 0n; bit < 63n; bit++) {
      if (((word >> bit) & 1n) === 0n) return streak;
      streak++;
    }
  }
  return streak;
}

/** Positional parameters in order of use: `add` returns the placeholder of a new one. */
function sqlParams() {
  const values: SqlParam[] = [];
  return {
    values,
    add(value: SqlParam): string {
      values.push(value);
      return `$${values.length}`;
    },
    list(items: readonly SqlParam[]): string {
      return items.map((item) => this.add(item)).join(', ');
    },
  };
}
type Params = ReturnType<typeof sqlParams>;

/** ` AND <column> IN (team members)` for a team scope, '' for everyone. */
function scopeFilter(column: string, scope: UserScope | undefined, p: Params): string {
  if (scope == null) return '';
  return ` AND ${column} IN (SELECT codex_user_id FROM team_members
    WHERE team_id = ${p.add(scope.teamId)} AND codex_user_id IS NOT NULL)`;
}

/** The metric sums of export-table.ts's columns over the rows of `alias`. */
function metricSums(alias: string): string {
  return `SUM(${alias}.threads) AS threads, SUM(${alias}.turns) AS turns, SUM(${alias}.credits) AS credits,
    SUM(${alias}.uncached_text_input_tokens) AS uncached, SUM(${alias}.cached_text_input_tokens) AS cached,
    SUM(${alias}.text_output_tokens) AS output, SUM(${alias}.text_total_tokens) AS total,
    SUM(${alias}.cost_usd) AS cost_usd, SUM(${alias}.estimated_cost_usd) AS estimated_cost_usd`;
}

function dayMetrics(r: z.infer<typeof usageDayRow> | z.infer<typeof userDayRow>): DayMetrics {
  return {
    threads: r.threads,
    turns: r.turns,
    credits: r.credits,
    uncachedInput: r.uncached,
    cachedInput: r.cached,
    output: r.output,
    total: r.total,
    costUsd: r.cost_usd,
    estimatedCostUsd: r.estimated_cost_usd,
  };
}

/** The per-user figures of the warehouse on `sql`. */
export function createWarehouseUserFigures(sql: WarehouseSql): WarehouseUserFigures {
  /** `client_id IN (…)` for the client ids of [from, end) that map to `surface` (FALSE when none). */
  async function surfaceClients(
    from: number,
    end: number,
    surface: Surface,
    surfaceOf: SurfaceOf,
    p: Params,
  ): Promise<string> {
    const rows = await sql.query(
      `SELECT DISTINCT client_id FROM usage_user_client_daily
       WHERE start_time >= $1 AND start_time < $2 AND client_id IS NOT NULL`,
      [from, end],
    );
    const ids = rows.map((row) => clientIdRow.parse(row).client_id).filter((id) => surfaceOf(id) === surface);
    const tests = ids.length === 0 ? [] : [`c.client_id IN (${p.list(ids)})`];
    if (surfaceOf(null) === surface) tests.push('c.client_id IS NULL');
    return tests.length === 0 ? '1 = 0' : `(${tests.join(' OR ')})`;
  }

  /**
   * One row per (user, day) of [from, end): `who` (the user), start_time, has_email, measures after the
   * filter, active. Everyone's unfiltered days come from the narrow activity table, keyed by the integer
   * user key (usage-aggregates.ts): grouping 20,000 users by an integer, not their text ids.
   */
  async function measuredDays(
    from: number,
    end: number,
    options: { surface: Surface | null; surfaceOf: SurfaceOf; scope?: UserScope },
    p: Params,
  ): Promise<string> {
    const [first, last] = [p.add(from), p.add(end)];
    const range = (alias: string) => `${alias}start_time >= ${first} AND ${alias}start_time < ${last}`;
    if (options.surface === null && options.scope == null) {
      return `SELECT user_key AS who, start_time, has_email, threads, turns, credits, text_total_tokens AS tokens,
          (surface_bits & CAST(1 AS BIGINT)) <> 0 AS active
        FROM usage_user_activity_daily WHERE ${range('')}`;
    }
    if (options.surface === null) {
      return `SELECT user_id AS who, start_time, email IS NOT NULL AS has_email, threads, turns, credits,
          text_total_tokens AS tokens, active
        FROM usage_user_daily WHERE ${range('')}${scopeFilter('user_id', options.scope, p)}`;
    }
    const clients = await surfaceClients(from, end, options.surface, options.surfaceOf, p);
    // A day without clients[] is wholly Other: its totals count on Other and nowhere else.
    const whole = (column: string) =>
      options.surface === 'other' ? `u.${column}` : column === 'text_total_tokens' ? 'NULL' : '0';
    const measure = (column: string, summed: string, empty: string) =>
      `CASE WHEN u.client_count = 0 THEN ${whole(column)} ELSE COALESCE(c.${summed}, ${empty}) END`;
    return `SELECT user_id AS who, start_time, email IS NOT NULL AS has_email, threads, turns, credits, tokens,
        (threads > 0 OR turns > 0 OR credits > 0) AS active
      FROM (
        SELECT u.user_id, u.start_time, u.email,
          ${measure('threads', 'threads', '0')} AS threads,
          ${measure('turns', 'turns', '0')} AS turns,
          ${measure('credits', 'credits', '0')} AS credits,
          ${measure('text_total_tokens', 'tokens', 'NULL')} AS tokens
        FROM usage_user_daily u
        LEFT JOIN (
          SELECT c.start_time, c.user_id, SUM(c.threads) AS threads, SUM(c.turns) AS turns,
            SUM(c.credits) AS credits, SUM(c.text_total_tokens) AS tokens
          FROM usage_user_client_daily c
          WHERE ${range('c.')} AND ${clients}
          GROUP BY c.start_time, c.user_id
        ) c ON c.start_time = u.start_time AND c.user_id = u.user_id
        WHERE ${range('u.')}${scopeFilter('u.user_id', options.scope, p)}
      ) AS on_surface`;
  }

  /** Every active user's sums over `window`, streaks read from `from` (≤ window.start) on. */
  async function totalsFrom(
    window: TimeWindow,
    options: UserTotalsOptions,
    from: number,
  ): Promise<UserTotals[]> {
    const p = sqlParams();
    const measured = await measuredDays(from, window.end, options, p);
    // Rows before the window (history for streaks) count for nothing else.
    const start = from < window.start ? p.add(window.start) : null;
    const inWindow = (value: string) =>
      start === null ? value : `CASE WHEN start_time >= ${start} THEN ${value} END`;
    const { streakEnd } = options;
    const words = streakEnd === null ? 0 : Math.ceil(Math.max(0, (streakEnd - from) / DAY_SECONDS + 1) / 63);
    const last = streakEnd === null ? 'NULL' : p.add(streakEnd);
    const bits = Array.from({ length: words }, (_, word) => {
      const low = word * 63;
      return `BIT_OR(CASE WHEN active AND back >= ${low} AND back < ${low + 63}
          THEN CAST(1 AS BIGINT) << (back - ${low}) ELSE CAST(0 AS BIGINT) END) AS streak_bits_${word}`;
    });
    // The email row is looked up in [from, end) only, so DuckDB skips the other days' row groups.
    const keyed = options.surface === null && options.scope == null;
    const who = keyed ? 'k.user_id' : 't.who';
    const rows = await sql.query(
      `SELECT ${who} AS user_id, e.email, t.credits, t.threads, t.turns, t.tokens${bits.map((_, i) => `, t.streak_bits_${i}`).join('')}
         FROM (
           SELECT who,
             SUM(${inWindow('credits')}) AS credits,
             SUM(${inWindow('threads')}) AS threads,
             SUM(${inWindow('turns')}) AS turns,
             SUM(${inWindow('tokens')}) AS tokens,
             MAX(CASE WHEN has_email THEN ${inWindow('start_time')} END) AS email_time
             ${bits.map((bit) => `, ${bit}`).join('')}
           FROM (
             SELECT measured.*, CAST((${last} - start_time) / ${DAY_SECONDS} AS INTEGER) AS back
             FROM (${measured}) AS measured
           ) AS measured
           GROUP BY who
           HAVING MAX(CASE WHEN active THEN ${inWindow('1')} ELSE 0 END) = 1
         ) AS t
         ${keyed ? 'JOIN usage_users k ON k.user_key = t.who' : ''}
         LEFT JOIN usage_user_daily e ON e.start_time = t.email_time AND e.user_id = ${who}
           AND e.start_time >= ${p.add(from)} AND e.start_time < ${p.add(window.end)}`,
      p.values,
    );
    return rows.map((row) => {
      const r = totalsRow.parse(row);
      const words = Array.from({ length: bits.length }, (_, i) => bitWord.parse(row[`streak_bits_${i}`]));
      return {
        userId: r.user_id,
        email: r.email,
        credits: r.credits,
        threads: r.threads,
        turns: r.turns,
        tokens: r.tokens,
        streak: trailingOnes(words),
      } satisfies UserTotals;
    });
  }

  return {
    /**
     * Streaks may reach back past the window to the history start, but reading all of history for every
     * ranking made `top 90d` over a year of 20,000 users scan four times the window on PostgreSQL. So the
     * window alone is read first; only when someone's streak runs unbroken to its first day (rare: one
     * idle day ends a streak) is history read too, by the same statement as before.
     */
    async userTotals(window, options) {
      const history = Math.min(options.historyStart ?? window.start, window.start);
      const { streakEnd } = options;
      // Without streaks, or with nothing before the window, there is nothing to look back for.
      if (history === window.start || streakEnd === null) return totalsFrom(window, options, window.start);
      if (streakEnd < window.start) return totalsFrom(window, options, history);
      const inWindow = await totalsFrom(window, options, window.start);
      const daysToWindowStart = (streakEnd - window.start) / DAY_SECONDS + 1;
      const unbroken = inWindow.some((user) => user.streak >= daysToWindowStart);
      return unbroken ? totalsFrom(window, options, history) : inWindow;
    },

    async userSurfaceCredits(window, userIds, surfaceOf) {
      const found = new Map<string, Map<Surface, number>>();
      if (userIds.length === 0) return found;
      const p = sqlParams();
      const range = `start_time >= ${p.add(window.start)} AND start_time < ${p.add(window.end)}`;
      const users = p.list(userIds);
      // Active items only (a surface counts where the user was active); days without clients[] are Other.
      const rows = await sql.query(
        `SELECT user_id, client_id, 0 AS clientless, SUM(credits) AS credits FROM usage_user_client_daily
         WHERE ${range} AND user_id IN (${users}) AND (threads > 0 OR turns > 0 OR credits > 0)
         GROUP BY user_id, client_id
         UNION ALL
         SELECT user_id, NULL AS client_id, 1 AS clientless, SUM(credits) AS credits FROM usage_user_daily
         WHERE ${range} AND user_id IN (${users}) AND client_count = 0 AND active
         GROUP BY user_id`,
        p.values,
      );
      for (const row of rows) {
        const r = surfaceCreditsRow.parse(row);
        const surface = r.clientless === 1 ? 'other' : surfaceOf(r.client_id);
        let surfaces = found.get(r.user_id);
        if (surfaces === undefined) {
          surfaces = new Map();
          found.set(r.user_id, surfaces);
        }
        surfaces.set(surface, (surfaces.get(surface) ?? 0) + r.credits);
      }
      return found;
    },

    async usersWithEmail(window, email) {
      const rows = await sql.query(
        `SELECT DISTINCT user_id FROM usage_user_daily
         WHERE start_time >= $1 AND start_time < $2 AND LOWER(email) = $3`,
        [window.start, window.end, email.trim().toLowerCase()],
      );
      return rows.map((row) => userIdRow.parse(row).user_id).sort();
    },

    async rowsOfUsers(window, userIds): Promise<UsageRow[]> {
      if (userIds.length === 0) return [];
      const p = sqlParams();
      const rows = await sql.query(
        `SELECT raw FROM usage_user_daily
         WHERE start_time >= ${p.add(window.start)} AND start_time < ${p.add(window.end)}
           AND user_id IN (${p.list(userIds)})
         ORDER BY start_time, user_id`,
        p.values,
      );
      return rows.map((row) => usageRowSchema.parse(JSON.parse(rawRow.parse(row).raw)));
    },

    async usageDays(window, scope) {
      const p = sqlParams();
      const range = `u.start_time >= ${p.add(window.start)} AND u.start_time < ${p.add(window.end)}`;
      // One row per user and day (the warehouse refuses a second), so counting active rows per day
      // counts distinct users: never summed across days.
      const rows = await sql.query(
        `SELECT u.start_time, COUNT(DISTINCT CASE WHEN u.active THEN u.user_id END) AS active_users,
           ${metricSums('u')}
         FROM usage_user_daily u WHERE ${range}${scopeFilter('u.user_id', scope, p)}
         GROUP BY u.start_time ORDER BY u.start_time`,
        p.values,
      );
      return rows.map((row) => {
        const r = usageDayRow.parse(row);
        return { start: r.start_time, activeUsers: r.active_users, ...dayMetrics(r) };
      });
    },

    async userEmails(window, scope) {
      const p = sqlParams();
      const range = `start_time >= ${p.add(window.start)} AND start_time < ${p.add(window.end)}`;
      const scoped = scopeFilter('user_id', scope, p);
      const rows = await sql.query(
        `SELECT n.user_id, e.email FROM (
           SELECT user_id, MAX(CASE WHEN email IS NOT NULL THEN start_time END) AS email_time
           FROM usage_user_daily WHERE ${range}${scoped} GROUP BY user_id
         ) AS n
         LEFT JOIN usage_user_daily e ON e.start_time = n.email_time AND e.user_id = n.user_id`,
        p.values,
      );
      const emails = new Map<string, string | null>();
      for (const row of rows) {
        const r = emailRow.parse(row);
        emails.set(r.user_id, r.email);
      }
      return emails;
    },

    async *userDays(window, scope) {
      for (let start = window.start; start < window.end; start += EXPORT_PAGE_DAYS * DAY_SECONDS) {
        const end = Math.min(window.end, start + EXPORT_PAGE_DAYS * DAY_SECONDS);
        const p = sqlParams();
        const rows = await sql.query(
          `SELECT start_time, user_id, email, threads, turns, credits,
             uncached_text_input_tokens AS uncached, cached_text_input_tokens AS cached,
             text_output_tokens AS output, text_total_tokens AS total, cost_usd, estimated_cost_usd
           FROM usage_user_daily
           WHERE start_time >= ${p.add(start)} AND start_time < ${p.add(end)}${scopeFilter('user_id', scope, p)}
           ORDER BY start_time, user_id`,
          p.values,
        );
        yield rows.map((row): UserDay => {
          const r = userDayRow.parse(row);
          return { start: r.start_time, userId: r.user_id, email: r.email, ...dayMetrics(r) };
        });
      }
    },
  };
}
