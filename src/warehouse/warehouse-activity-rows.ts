/**
 * Per-user rows rebuilt from the typed columns (no JSON parsing, no validation: the columns were written
 * from validated rows), and streak lengths counted in SQL. They serve the digest's ranking, which still
 * runs the pure rankUsers over one week of rows until the ranking moves to SQL.
 */
import { z } from 'zod';
import type { UsageMetrics, UsageRow } from '../codex/schemas.js';
import { DAY_SECONDS, type TimeWindow } from '../domain/utc-days.js';
import { QueryParams } from './figure-query-parts.js';
import type { SqlRow, WarehouseSql } from './warehouse-sql.js';

const known = z.union([z.null(), z.coerce.number()]);
const metrics = {
  threads: z.coerce.number(),
  turns: z.coerce.number(),
  credits: z.coerce.number(),
  cost_usd: known,
  estimated_cost_usd: known,
  uncached_text_input_tokens: known,
  cached_text_input_tokens: known,
  text_output_tokens: known,
  text_total_tokens: known,
};
const userRow = z.object({
  start_time: z.coerce.number(),
  end_time: z.coerce.number(),
  user_id: z.string(),
  email: z.string().nullable(),
  lines_added: known,
  lines_removed: known,
  ...metrics,
});
const clientRow = z.object({
  start_time: z.coerce.number(),
  user_id: z.string(),
  client_id: z.string().nullable(),
  ...metrics,
});
const streakRow = z.object({ user_id: z.string(), days: z.coerce.number() });

const METRIC_COLUMNS = `threads, turns, credits, cost_usd, estimated_cost_usd, uncached_text_input_tokens,
  cached_text_input_tokens, text_output_tokens, text_total_tokens`;

function metricsOf(r: z.infer<z.ZodObject<typeof metrics>>): UsageMetrics {
  return {
    threads: r.threads,
    turns: r.turns,
    credits: r.credits,
    cost_usd: r.cost_usd,
    estimated_cost_usd: r.estimated_cost_usd,
    uncached_text_input_tokens: r.uncached_text_input_tokens,
    cached_text_input_tokens: r.cached_text_input_tokens,
    text_output_tokens: r.text_output_tokens,
    text_total_tokens: r.text_total_tokens,
  };
}

/**
 * The per-user rows of `window` with identity (as the one identity function read it at ingest), totals,
 * clients[] and code attribution; `models` is empty (the ranking never reads it).
 */
export async function warehouseActivityRows(sql: WarehouseSql, window: TimeWindow): Promise<UsageRow[]> {
  const range = [window.start, window.end];
  const [users, clients] = await Promise.all([
    sql.query(
      `SELECT start_time, end_time, user_id, email, lines_added, lines_removed, ${METRIC_COLUMNS}
       FROM usage_user_daily WHERE start_time >= $1 AND start_time < $2 ORDER BY start_time, user_id`,
      range,
    ),
    sql.query(
      `SELECT start_time, user_id, client_id, ${METRIC_COLUMNS}
       FROM usage_user_client_daily WHERE start_time >= $1 AND start_time < $2`,
      range,
    ),
  ]);
  const byKey = new Map<string, UsageRow>();
  const rows = users.map((row: SqlRow): UsageRow => {
    const r = userRow.parse(row);
    const usage: UsageRow = {
      start_time: r.start_time,
      end_time: r.end_time,
      user_id: r.user_id,
      actor: null,
      email: r.email,
      totals: metricsOf(r),
      clients: [],
      models: [],
      code_attribution:
        r.lines_added === null && r.lines_removed === null
          ? null
          : { lines_added: r.lines_added, lines_removed: r.lines_removed },
    };
    byKey.set(`${r.start_time}|${r.user_id}`, usage);
    return usage;
  });
  for (const row of clients) {
    const c = clientRow.parse(row);
    byKey.get(`${c.start_time}|${c.user_id}`)?.clients.push({ client_id: c.client_id, ...metricsOf(c) });
  }
  return rows;
}

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
