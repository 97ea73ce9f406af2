/**
 * Query string → validated query, or FastAPI-style issues (`{loc: ['query', name], msg, type, input}`)
 * for a 422. Every problem is reported together, like FastAPI. Unknown parameters are ignored.
 */
import { DAY_SECONDS, dayOf, type GroupBy } from './calendar.js';

export type EndpointName = 'usage' | 'code_reviews' | 'code_review_responses';

export interface QueryIssue {
  loc: ['query', string];
  msg: string;
  type: string;
  input?: string;
}

export interface SimulatorQuery {
  /** Unix seconds, inclusive. */
  startTime: number;
  /** Unix seconds, exclusive. */
  endTime: number;
  groupBy: GroupBy;
  /** usage only; null = one row per user per bucket. */
  group: 'workspace' | null;
  limit: number;
  page: string | null;
}

export const MAX_LIMIT = 30_000;
export const DEFAULT_LIMIT = 1000;
export const DEFAULT_WINDOW_DAYS = 30;
export const MAX_LOOKBACK_DAYS = 90;

const INTEGER = /^[+-]?\d+$/;

/** Validates `params` for `endpoint` at simulated time `now` (Unix seconds). */
export function parseQuery(
  endpoint: EndpointName,
  params: URLSearchParams,
  now: number,
): { ok: true; query: SimulatorQuery } | { ok: false; issues: QueryIssue[] } {
  const issues: QueryIssue[] = [];
  const int = (name: string): number | undefined => {
    const raw = params.get(name);
    if (raw === null) return undefined;
    if (INTEGER.test(raw.trim())) return Number(raw.trim());
    issues.push({
      loc: ['query', name],
      msg: 'Input should be a valid integer, unable to parse string as an integer',
      type: 'int_parsing',
      input: raw,
    });
    return Number.NaN;
  };
  const start = int('start_time');
  const end = int('end_time');
  const limit = int('limit') ?? DEFAULT_LIMIT;
  if (limit < 1)
    issues.push({
      loc: ['query', 'limit'],
      msg: 'Input should be greater than or equal to 1',
      type: 'greater_than_equal',
      input: String(limit),
    });
  if (limit > MAX_LIMIT)
    issues.push({
      loc: ['query', 'limit'],
      msg: `Input should be less than or equal to ${MAX_LIMIT}`,
      type: 'less_than_equal',
      input: String(limit),
    });

  const groupByRaw = params.get('group_by') ?? 'day';
  if (groupByRaw !== 'day' && groupByRaw !== 'week') {
    issues.push({
      loc: ['query', 'group_by'],
      msg: "Input should be 'day' or 'week'",
      type: 'enum',
      input: groupByRaw,
    });
  }
  // `group` only exists on /usage; elsewhere it is an unknown parameter and ignored.
  const groupRaw = endpoint === 'usage' ? params.get('group') : null;
  if (groupRaw !== null && groupRaw !== 'workspace') {
    issues.push({
      loc: ['query', 'group'],
      msg: "Input should be 'workspace'",
      type: 'enum',
      input: groupRaw,
    });
  }

  // Both omitted → the last 30 days ending today (UTC), today included.
  const tomorrow = (dayOf(now) + 1) * DAY_SECONDS;
  const endTime = end ?? tomorrow;
  const startTime =
    start ??
    (end === undefined
      ? tomorrow - DEFAULT_WINDOW_DAYS * DAY_SECONDS
      : endTime - DEFAULT_WINDOW_DAYS * DAY_SECONDS);
  if (Number.isFinite(startTime) && Number.isFinite(endTime)) {
    if (startTime >= endTime) {
      issues.push({
        loc: ['query', 'start_time'],
        msg: 'Value error, start_time must be before end_time',
        type: 'value_error',
        input: String(startTime),
      });
    } else if (startTime < Math.floor(now / DAY_SECONDS) * DAY_SECONDS - MAX_LOOKBACK_DAYS * DAY_SECONDS) {
      // Whole UTC days, like the client and the `/codex` range grammar (the real cut is undocumented).
      issues.push({
        loc: ['query', 'start_time'],
        msg: `Value error, start_time must be within the last ${MAX_LOOKBACK_DAYS} days`,
        type: 'value_error',
        input: String(startTime),
      });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    query: {
      startTime,
      endTime,
      groupBy: groupByRaw === 'week' ? 'week' : 'day',
      group: groupRaw === 'workspace' ? 'workspace' : null,
      limit,
      page: params.get('page'),
    },
  };
}
