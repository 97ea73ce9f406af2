/**
 * Each user's surface bits over several spans at once (the buckets that are no single stored period, and
 * the window), for active-users-query.ts: one pass over the spans' cover rows (period-cover.ts), grouped
 * by user once. A row in several covers — an edge bucket's days are the window's too — is read once,
 * tagged with the set of spans it belongs to, and each span's bits are the OR of its tagged rows
 * (`FILTER`). Grouping the window's rows by user was most of `/codex usage 90d` on PostgreSQL (issue 11
 * §7); grouping each edge bucket's rows again beside it added a fifth.
 */
import { DAY_SECONDS, type TimeWindow, WEEK_SECONDS } from '../domain/utc-days.js';
import { addMonths } from '../domain/utc-months.js';
import { coverOf, type StoredPeriod } from './period-cover.js';

/** A span whose users are counted one by one, and the idx its counts' row carries (a literal or NULL). */
export interface UserSpan {
  idx: string;
  span: TimeWindow;
}

/** Spans per pass: each one's tag is a bit of a signed BIGINT. */
const SPANS_PER_PASS = 62;

const activityTable: Record<StoredPeriod, string> = {
  day: 'usage_user_activity_daily',
  week: 'usage_user_activity_weekly',
  month: 'usage_user_activity_monthly',
};

/** An integer inlined into SQL: only bounds computed here, never caller text. */
function literal(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`Not an integer: ${value}`);
  return String(value);
}

function nextStart(period: StoredPeriod, start: number): number {
  if (period === 'month') return addMonths(start, 1);
  return start + (period === 'week' ? WEEK_SECONDS : DAY_SECONDS);
}

/**
 * The cover rows of `spans`: per period and set of spans (as bits), the runs of period starts whose rows
 * belong to exactly those spans, read once as (user_key, surface_bits, spans).
 */
function taggedCoverRows(spans: readonly TimeWindow[], rowMask: string): string[] {
  const tags = new Map<StoredPeriod, Map<number, bigint>>([
    ['month', new Map()],
    ['week', new Map()],
    ['day', new Map()],
  ]);
  spans.forEach((span, i) => {
    const cover = coverOf(span);
    for (const period of ['month', 'week', 'day'] as const) {
      const starts = tags.get(period) as Map<number, bigint>;
      for (const run of cover[period]) {
        for (let start = run.start; start < run.end; start = nextStart(period, start)) {
          starts.set(start, (starts.get(start) ?? 0n) | (1n << BigInt(i)));
        }
      }
    }
  });
  const rows: string[] = [];
  for (const [period, starts] of tags) {
    // Runs of consecutive periods with one tag, per tag.
    const runs = new Map<bigint, TimeWindow[]>();
    for (const start of [...starts.keys()].sort((a, b) => a - b)) {
      const tag = starts.get(start) as bigint;
      const list = runs.get(tag) ?? [];
      const last = list[list.length - 1];
      const end = nextStart(period, start);
      if (last !== undefined && last.end === start) last.end = end;
      else list.push({ start, end });
      runs.set(tag, list);
    }
    for (const [tag, list] of runs) {
      const inRuns = list
        .map((r) => `(a.start_time >= ${literal(r.start)} AND a.start_time < ${literal(r.end)})`)
        .join(' OR ');
      rows.push(`SELECT a.user_key, a.surface_bits, CAST(${tag.toString()} AS BIGINT) AS spans
        FROM ${activityTable[period]} a WHERE (${inRuns}) AND (a.surface_bits & CAST(${rowMask} AS BIGINT)) <> 0`);
    }
  }
  return rows;
}

/**
 * The counts of each span's users: `with` the CTEs to put before the whole query (one per pass of up to
 * SPANS_PER_PASS spans), and a SELECT per span of `idx` and `counts(bits, '1')` over its users.
 * `rowMask` (a BigInt literal; -1: every bit) keeps the rows with one of its bits: a user's OR meets a
 * mask exactly when one of their rows does, so a surface filter reads only its surface's users' rows
 * (a fifth of them for the CLI) — and every count then holds only those users.
 */
export function userSpanCounts(
  spans: readonly UserSpan[],
  counts: (bits: string, weight: string) => string[],
  rowMask: string,
): { with: string[]; selects: string[] } {
  const ctes: string[] = [];
  const selects: string[] = [];
  for (let from = 0; from < spans.length; from += SPANS_PER_PASS) {
    const pass = spans.slice(from, from + SPANS_PER_PASS);
    const name = `user_spans_${ctes.length}`;
    // One span: every row is its own, no tag to test.
    const bits = pass.map((_, i) =>
      pass.length === 1
        ? `BIT_OR(r.surface_bits) AS bits_${i}`
        : `BIT_OR(r.surface_bits) FILTER (WHERE (r.spans & CAST(${(1n << BigInt(i)).toString()} AS BIGINT)) <> 0) AS bits_${i}`,
    );
    const rows = taggedCoverRows(
      pass.map((p) => p.span),
      rowMask,
    );
    // Grouped once however many spans read it; a lone span's grouping is left for the engine to inline.
    ctes.push(`${name} AS ${pass.length === 1 ? '' : 'MATERIALIZED '}(
      SELECT r.user_key, ${bits.join(', ')} FROM (${rows.join(' UNION ALL ')}) AS r GROUP BY r.user_key
    )`);
    pass.forEach((p, i) => {
      selects.push(`SELECT ${p.idx} AS idx, ${counts(`u.bits_${i}`, '1').join(', ')} FROM ${name} u`);
    });
  }
  return { with: ctes, selects };
}
