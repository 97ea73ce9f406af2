/**
 * Distinct active users per bucket and over the window from the derived activity tables
 * (usage-aggregates.ts, usage-period-aggregates.ts), the fourth of the usage figures' aggregate queries.
 *
 * A user counts on a surface when the OR of their surface bits over the span meets the surface's mask —
 * the client keys its client ids map to (the app's SurfaceOf), plus bit 1 for Other — once each, never
 * summed across surfaces or buckets. Two ways to get there, same counts:
 * - a span that is one stored period (a day, a whole Monday week, a whole calendar month) reads that
 *   period's surface sets: users per exact set of bits, added up over the sets meeting the mask;
 * - any other span ORs each user's rows of its cover (period-cover.ts: whole months, whole weeks, days)
 *   and counts the users whose bits meet the mask — all such spans in one grouping (user-span-bits.ts).
 */
import { z } from 'zod';
import { type Surface, type SurfaceOf, surfaces } from '../domain/surfaces.js';
import type { TimeWindow } from '../domain/utc-days.js';
import { createBuckets } from '../figures/buckets.js';
import { bucketIndex, countValue, type SqlBuckets } from './figure-query-parts.js';
import { type StoredPeriod, singlePeriod } from './period-cover.js';
import { type ClientKey, MAX_CLIENT_KEY } from './usage-aggregates.js';
import { type UserSpan, userSpanCounts } from './user-span-bits.js';
import type { UsageFigureQuery } from './warehouse-figure-queries.js';

/** The surfaces counted: all of them, or the filter's one. */
function countedSurfaces(query: UsageFigureQuery): readonly Surface[] {
  return query.surface === null ? surfaces : [query.surface];
}

/** A surface's bits: its client keys' (bit 2 + key), and bit 1 (Other without a known client id). */
function surfaceMask(surface: Surface, keys: readonly ClientKey[], surfaceOf: SurfaceOf): bigint {
  let mask = surface === 'other' ? 2n : 0n;
  for (const { clientKey, clientId } of keys) {
    if (surfaceOf(clientId) === surface) mask |= 1n << BigInt(clientKey + 2);
  }
  return mask;
}

/** Whether the surface bits can answer: every client key has a bit. */
export function bitsAnswer(keys: readonly ClientKey[]): boolean {
  return keys.every((k) => k.clientKey <= MAX_CLIENT_KEY);
}

/** An integer inlined into SQL: only bounds and indexes computed here, never caller text. */
function literal(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`Not an integer: ${value}`);
  return String(value);
}

function inRanges(t: string, ranges: readonly TimeWindow[]): string {
  return ranges
    .map((r) => `(${t}.start_time >= ${literal(r.start)} AND ${t}.start_time < ${literal(r.end)})`)
    .join(' OR ');
}

/** Adds up runs: a span that continues the previous one extends it. */
function pushRun(runs: TimeWindow[], span: TimeWindow): void {
  const last = runs[runs.length - 1];
  if (last !== undefined && last.end === span.start) last.end = span.end;
  else runs.push({ ...span });
}

/**
 * Distinct active users per bucket (idx) and over the window (idx null): `any_users` active at all,
 * `users_<i>` on the i-th counted surface. Masks are BigInt literals computed here, never caller text.
 */
export function activeUsersQuery(
  query: UsageFigureQuery,
  grid: SqlBuckets,
  keys: readonly ClientKey[],
): string {
  const masks = countedSurfaces(query).map((surface) =>
    surfaceMask(surface, keys, query.surfaceOf).toString(),
  );
  /** Counts over rows of alias `r` with bits `bits`, each standing for `weight` users. */
  const counts = (bits: string, weight: string) => [
    `SUM(CASE WHEN (${bits} & CAST(1 AS BIGINT)) <> 0 THEN ${weight} ELSE 0 END) AS any_users`,
    ...masks.map(
      (mask, i) =>
        `SUM(CASE WHEN (${bits} & CAST(${mask} AS BIGINT)) <> 0 THEN ${weight} ELSE 0 END) AS users_${i}`,
    ),
  ];
  const { window } = query;
  const buckets = createBuckets(window, query.bucket);
  // Buckets that are one stored period read its surface sets (as runs per period, bucket by grid);
  // the others, and the window unless it is one period itself, OR their users' cover rows.
  const setRuns: Record<StoredPeriod, TimeWindow[]> = { day: [], week: [], month: [] };
  const perUser: UserSpan[] = [];
  for (let b = 0; b < buckets.count; b++) {
    const span = buckets.windowOf(b);
    const period = singlePeriod(span);
    if (period === null) perUser.push({ idx: `CAST(${literal(b)} AS BIGINT)`, span });
    else pushRun(setRuns[period], span);
  }
  const setsOf = (runs: Record<StoredPeriod, TimeWindow[]>) =>
    (['day', 'week', 'month'] as const)
      .filter((period) => runs[period].length > 0)
      .map((period) => `(s.period = '${period}' AND (${inRanges('s', runs[period])}))`)
      .join(' OR ');
  const parts: string[] = [];
  if (setsOf(setRuns) !== '') {
    parts.push(`SELECT q.idx AS idx, ${counts('q.surface_bits', 'q.users').join(', ')} FROM (
        SELECT ${grid.indexOf('s')} AS idx, s.surface_bits, s.users FROM usage_surface_sets s WHERE ${setsOf(setRuns)}
      ) AS q GROUP BY q.idx`);
  }
  const whole = singlePeriod(window);
  if (whole !== null) {
    const runs: Record<StoredPeriod, TimeWindow[]> = { day: [], week: [], month: [] };
    runs[whole].push(window);
    parts.push(`SELECT NULL AS idx, ${counts('s.surface_bits', 's.users').join(', ')}
      FROM usage_surface_sets s WHERE ${setsOf(runs)}`);
  } else perUser.push({ idx: 'NULL', span: window });
  // Filtered, only the surface's users count (any_users is not read): only their rows are grouped.
  const spans = userSpanCounts(perUser, counts, query.surface === null ? '-1' : (masks[0] ?? '0'));
  parts.push(...spans.selects);
  const ctes = spans.with.length === 0 ? '' : `WITH ${spans.with.join(', ')} `;
  return `${ctes}${parts.join(' UNION ALL ')}`;
}

const activeUsersRow = z.object({ idx: bucketIndex, any_users: countValue }).catchall(z.unknown());

/** A row of activeUsersQuery: who was active at all, and on each counted surface. */
export function parseActiveUsers(
  row: unknown,
  query: UsageFigureQuery,
): { idx: number | null; any: number; bySurface: [Surface, number][] } {
  const r = activeUsersRow.parse(row);
  return {
    idx: r.idx,
    any: r.any_users,
    bySurface: countedSurfaces(query).map((surface, i) => [surface, countValue.parse(r[`users_${i}`])]),
  };
}
