/**
 * Streak lengths before a window, counted in SQL for a few users: the digest ranks its closed week in
 * SQL, and only its listed users active on every day of it need the days before (src/analytics/warehouse-digest.ts).
 */
import { z } from 'zod';
import { DAY_SECONDS } from '../domain/utc-days.js';
import { QueryParams } from './figure-query-parts.js';
import type { WarehouseSql } from './warehouse-sql.js';

const streakRow = z.object({ user_id: z.string(), days: z.coerce.number() });

/**
 * For each of `userIds`: how many consecutive days right before `before` (a UTC midnight) they were
 * active, looking no further back than `since` — what src/figures/streaks.ts extendStreaks adds.
 * A user's n-th newest active day is `before − n days` exactly when none is missing in between.
 */
export async function warehouseStreaksBefore(
  sql: WarehouseSql,
  before: number,
  since: number,
  userIds: readonly string[],
): Promise<Map<string, number>> {
  const streaks = new Map<string, number>();
  if (userIds.length === 0 || since >= before) return streaks;
  const params = new QueryParams();
  const from = params.add(since);
  const to = params.add(before);
  const ids = userIds.map((id) => params.add(id)).join(', ');
  const rows = await sql.query(
    `SELECT user_id, COUNT(*) AS days FROM (
       SELECT user_id, start_time - start_time % ${DAY_SECONDS} AS day,
         ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY start_time DESC) AS back
       FROM usage_user_daily
       WHERE active AND start_time >= ${from} AND start_time < ${to} AND user_id IN (${ids})
     ) AS active_days
     WHERE day = ${to} - back * ${DAY_SECONDS}
     GROUP BY user_id`,
    params.values,
  );
  for (const row of rows) {
    const r = streakRow.parse(row);
    streaks.set(r.user_id, r.days);
  }
  return streaks;
}
