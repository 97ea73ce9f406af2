/**
 * Distinct active users of many alert rules' periods in one statement over the activity tables of
 * usage-aggregates.ts (issue 13 §5: 1,000 rules after a sync within 2 s; hashing text user ids per
 * period took most of it). Integer user keys and surface bits instead of the per-user rows:
 *
 * - a whole UTC day is counted as its activity rows are (one row per user and day);
 * - a whole Monday week, as its weekly rows are (one row per user and week);
 * - any other period (a month, a week clipped by its window) ORs each user's bits over a weekly row
 *   for every whole week inside it and a daily row for each remaining day, then counts users.
 *
 * Every period is keyed by its (start, end), so rules whose periods coincide share the count whatever
 * their period length. Counts are per mask (workspace: bit 0; a surface: its client keys' bits) or, for
 * teams and users, per member key with bit 0. Row days are UTC day starts, as the weekly table assumes.
 */
import { z } from 'zod';
import { DAY_SECONDS, startOfUtcWeek, type TimeWindow, WEEK_SECONDS } from '../domain/utc-days.js';
import type { QueryParams } from './figure-query-parts.js';

/** What is counted: masks over everyone (key ''), or bit 0 per k of a (k, user_key) subquery. */
export type CountedUsers = { masks: readonly bigint[] } | { members: string };

/** Counts by key, then by period (periodName): one count per mask (members: one). */
export type PeriodCounts = Map<string, Map<string, number[]>>;

export function periodName(period: TimeWindow): string {
  return `${period.start}|${period.end}`;
}

const countRow = z
  .object({ ps: z.coerce.number(), pe: z.coerce.number(), k: z.coerce.string() })
  .catchall(z.unknown());
const count = z.union([z.null(), z.coerce.number()]).transform((v) => v ?? 0);

/** The statement counting `counted` over `periods`, or null when there is nothing to count. */
export function activeUsersStatement(
  periods: readonly TimeWindow[],
  counted: CountedUsers,
  params: QueryParams,
): string | null {
  const days: number[] = [];
  const weeks: number[] = [];
  const spans: TimeWindow[] = [];
  for (const period of distinct(periods)) {
    const length = period.end - period.start;
    if (length === DAY_SECONDS && period.start % DAY_SECONDS === 0) days.push(period.start);
    else if (length === WEEK_SECONDS && startOfUtcWeek(period.start) === period.start)
      weeks.push(period.start);
    else if (length > 0) spans.push(period);
  }
  const byMember = 'members' in counted;
  const masks = 'masks' in counted ? counted.masks : [1n];
  const counts = (bits: string) =>
    masks
      .map(
        (mask, i) =>
          `SUM(CASE WHEN (${bits} & CAST(${mask.toString()} AS BIGINT)) <> 0 THEN 1 ELSE 0 END) AS n${i}`,
      )
      .join(', ');
  const shape: Shape = {
    key: (t) => (byMember ? `${t}.k` : `CAST('' AS TEXT)`),
    keyed: (t) => (byMember ? `, ${t}.k` : ''),
    names: masks.map((_, i) => `n${i}`),
    members: (t) =>
      'members' in counted ? `JOIN (${counted.members}) AS m ON m.user_key = ${t}.user_key` : '',
    range: (t, starts) =>
      `${t}.start_time >= ${params.add(Math.min(...starts))} AND ${t}.start_time <= ${params.add(Math.max(...starts))}`,
    counts,
  };
  // Each part is grouped on its own: a day or a week is one row per user already, and no period of one
  // part is a period of another, so their rows are simply put together.
  const parts: string[] = [];
  for (const [grain, starts] of [
    ['day', days],
    ['week', weeks],
  ] as const) {
    if (starts.length === 0) continue;
    parts.push(`SELECT r.start_time AS ps, r.start_time + ${GRAINS[grain].seconds} AS pe, ${shape.key('m')} AS k,
        ${counts('r.surface_bits')}
      FROM ${GRAINS[grain].table} r ${shape.members('r')}
      WHERE ${shape.range('r', starts)} AND r.surface_bits <> 0
      GROUP BY r.start_time${shape.keyed('m')}`);
  }
  const spanPart = spans.length === 0 ? null : spanCounts(spans, shape, params);
  if (spanPart !== null) parts.push(spanPart);
  return parts.length === 0 ? null : parts.join(' UNION ALL ');
}

/** The activity tables: one row per user and day, or per user and Monday week (its start_time). */
const GRAINS = {
  day: { table: 'usage_user_activity_daily', seconds: DAY_SECONDS },
  week: { table: 'usage_user_activity_weekly', seconds: WEEK_SECONDS },
} as const;

/** How a part reads its rows: the key column, the members join, a range of starts, the counts. */
interface Shape {
  /** The key column of alias `t`: a member's key, or '' when counting everyone. */
  key(t: string): string;
  /** `, t.k` when counting per member (select lists, GROUP BY), else nothing. */
  keyed(t: string): string;
  /** The count columns' names. */
  names: readonly string[];
  members(t: string): string;
  range(t: string, starts: readonly number[]): string;
  counts(bits: string): string;
}

/**
 * Spans: per (span, key, user) the OR of the user's bits — weekly rows for the span's whole weeks and
 * daily rows for its other days, each found by an equality join on its start (a list of a few hundred)
 * — then counted per (span, key). Spans are numbered, so users are grouped on integers. Null when no
 * span holds a day.
 */
function spanCounts(spans: readonly TimeWindow[], shape: Shape, params: QueryParams): string | null {
  const pieces = { day: [] as [number, number][], week: [] as [number, number][] };
  for (const [span, { start, end }] of spans.entries()) {
    for (let day = Math.ceil(start / DAY_SECONDS) * DAY_SECONDS; day < end; ) {
      const grain = startOfUtcWeek(day) === day && day + WEEK_SECONDS <= end ? 'week' : 'day';
      pieces[grain].push([span, day]);
      day += GRAINS[grain].seconds;
    }
  }
  // Typed: PostgreSQL reads an untyped parameter in VALUES as text.
  const int = (value: number) => `CAST(${params.add(value)} AS BIGINT)`;
  const sources = (['week', 'day'] as const)
    .filter((grain) => pieces[grain].length > 0)
    .map((grain) => {
      const list = pieces[grain];
      const values = list.map(([span, day]) => `(${int(span)}, ${int(day)})`).join(', ');
      return `SELECT p.span${shape.keyed('m')}, r.user_key, r.surface_bits AS bits
        FROM ${GRAINS[grain].table} r JOIN (VALUES ${values}) AS p(span, piece) ON r.start_time = p.piece
          ${shape.members('r')}
        WHERE ${shape.range(
          'r',
          list.map(([, day]) => day),
        )} AND r.surface_bits <> 0`;
    });
  // Spans holding no day start (shorter than a day, inside one) have no rows: nobody was active.
  if (sources.length === 0) return null;
  const bounds = spans.map((s, span) => `(${int(span)}, ${int(s.start)}, ${int(s.end)})`).join(', ');
  return `SELECT b.ps AS ps, b.pe AS pe, ${shape.key('c')} AS k, ${shape.names.map((n) => `c.${n}`).join(', ')}
    FROM (
      SELECT u.span${shape.keyed('u')}, ${shape.counts('u.bits')}
      FROM (
        SELECT x.span${shape.keyed('x')}, x.user_key, BIT_OR(x.bits) AS bits
        FROM (${sources.join(' UNION ALL ')}) AS x
        GROUP BY x.span${shape.keyed('x')}, x.user_key
      ) AS u
      GROUP BY u.span${shape.keyed('u')}
    ) AS c
    JOIN (VALUES ${bounds}) AS b(span, ps, pe) ON b.span = c.span`;
}

/** The statement's rows by period and key. */
export function parsePeriodCounts(rows: readonly unknown[], masks: number): PeriodCounts {
  const counts: PeriodCounts = new Map();
  for (const row of rows) {
    const r = countRow.parse(row);
    let byPeriod = counts.get(r.k);
    if (byPeriod === undefined) {
      byPeriod = new Map();
      counts.set(r.k, byPeriod);
    }
    byPeriod.set(
      periodName({ start: r.ps, end: r.pe }),
      Array.from({ length: masks }, (_, i) => count.parse(r[`n${i}`])),
    );
  }
  return counts;
}

function distinct(periods: readonly TimeWindow[]): TimeWindow[] {
  const seen = new Map<string, TimeWindow>();
  for (const p of periods) seen.set(periodName(p), p);
  return [...seen.values()];
}
