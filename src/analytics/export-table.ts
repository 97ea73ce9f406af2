/**
 * Flat tables for CSV/JSON export (`/codex export`). Columns, in order:
 *
 * - usage: `day` (YYYY-MM-DD, UTC), `active_users`, `threads`, `turns`, `credits`,
 *   `uncached_input_tokens`, `cached_input_tokens`, `output_tokens`, `total_tokens`, `cost_usd`,
 *   `estimated_cost_usd` — workspace totals
 *   per day, summed from the per-user rows (the same numbers the usage report shows).
 * - users: `day`, `user_id`, `user` (report label: email local part or pseudonym), `email` (null when
 *   the workspace hides emails), then the same metrics — one line per user per day, as the API gives.
 * - reviews: `day`, `prs_reviewed`, `comments`, `p0`, `p1`, `p2`, `replies`, `reactions`, `upvotes`,
 *   `downvotes`, `other_reactions`, `engaged_comments`, `replied_comments` — per day.
 *
 * Null cells are unknown (tokens the API did not report, details it left out), never zero.
 */
import { emailOf, userIdOf } from '../codex/row-identity.js';
import type { CodeReviewResponseRow, CodeReviewRow } from '../codex/schemas.js';
import type { SurfaceOf } from '../domain/surfaces.js';
import type { TimeWindow } from '../domain/utc-days.js';
import { dayKey } from '../domain/utc-days.js';
import { computeAdoption } from '../figures/adoption.js';
import { createBuckets } from '../figures/buckets.js';
import type { UsageFigures } from '../figures/figure-types.js';
import { computeUsageBreakdown } from '../figures/usage-breakdown.js';
import type { UsageRows } from '../figures/usage-rows.js';
import { assignLabels } from '../figures/user-labels.js';
import type { DayMetrics, UsageDay, UserDay } from '../warehouse/warehouse-user-figures.js';
import type { ExportPages, ExportTable } from './workspace-analytics.js';

const metricColumns = [
  'threads',
  'turns',
  'credits',
  'uncached_input_tokens',
  'cached_input_tokens',
  'output_tokens',
  'total_tokens',
  // Last, so earlier column positions stay put: USD as the API gave it (billed, or its estimate).
  'cost_usd',
  'estimated_cost_usd',
];

/** Workspace totals per day. */
export function usageTable(
  rows: UsageRows,
  window: TimeWindow,
  surfaceOf: SurfaceOf,
  now: Date,
): ExportTable {
  const options = { window, bucket: 'day', surfaceOf, now } as const;
  const adoption = computeAdoption(rows, options);
  const active = new Map(adoption.series.map((point) => [point.start, point.activeUsers]));
  const usage = computeUsageBreakdown(rows, options);
  return {
    columns: ['day', 'active_users', ...metricColumns],
    rows: usage.series.map((point) => [
      dayKey(point.start),
      active.get(point.start) ?? 0,
      ...metricCells(point.totals),
    ]),
  };
}

/** One line per user per day; labels as the reports name people. */
export function usersTable(rows: UsageRows): ExportTable {
  const users = new Map<string, { userId: string; email: string | null }>();
  for (const row of rows) {
    const userId = userIdOf(row);
    if (userId === null) continue;
    const email = emailOf(row);
    const known = users.get(userId);
    if (known === undefined) users.set(userId, { userId, email });
    else if (email !== null) known.email = email;
  }
  const list = [...users.values()];
  const labels = assignLabels(list);
  const labelOf = new Map(list.map((user, i) => [user.userId, labels[i] ?? user.userId]));
  const table: ExportTable = { columns: ['day', 'user_id', 'user', 'email', ...metricColumns], rows: [] };
  for (const row of rows) {
    const userId = userIdOf(row);
    if (userId === null) continue;
    const t = row.totals;
    table.rows.push([
      dayKey(row.start_time),
      userId,
      labelOf.get(userId) ?? userId,
      emailOf(row),
      t.threads,
      t.turns,
      t.credits,
      t.uncached_text_input_tokens,
      t.cached_text_input_tokens,
      t.text_output_tokens,
      t.text_total_tokens,
      t.cost_usd,
      t.estimated_cost_usd,
    ]);
  }
  return table;
}

/**
 * The usage table from the warehouse's per-day sums (WarehouseUserFigures.usageDays): the same rows
 * usageTable computes — every day from the window start to the newest day holding a row, days without
 * rows as zeros (unknown tokens and USD as null).
 */
export function usageTableOfDays(days: readonly UsageDay[], window: TimeWindow): ExportTable {
  const table: ExportTable = { columns: ['day', 'active_users', ...metricColumns], rows: [] };
  const last = days.at(-1);
  if (last === undefined) return table;
  const buckets = createBuckets(window, 'day');
  const byIndex = new Map(days.map((day) => [buckets.indexOf(day.start), day]));
  for (let b = 0; b <= buckets.indexOf(last.start); b++) {
    const day = byIndex.get(b);
    const start = buckets.windowOf(b).start;
    table.rows.push([dayKey(start), day?.activeUsers ?? 0, ...dayCells(day ?? emptyDay)]);
  }
  return table;
}

/**
 * The users table from the warehouse: `emails` (each user's newest email, for labels as usersTable
 * makes them) and the per-user daily rows page by page, in (day, user) order, each page turned into
 * table rows as it is read. Strings repeated on every row (day, user id, label, email) are shared.
 */
export function usersPagesOf(
  emails: ReadonlyMap<string, string | null>,
  pages: AsyncIterable<readonly UserDay[]>,
): ExportPages {
  const list = [...emails].map(([userId, email]) => ({ userId, email }));
  const labels = assignLabels(list);
  const users = new Map(list.map((user, i) => [user.userId, { ...user, label: labels[i] ?? user.userId }]));
  async function* tableRows(): AsyncIterable<ExportTable['rows']> {
    for await (const page of pages) {
      let day = '';
      let dayStart = Number.NaN;
      yield page.map((row) => {
        if (row.start !== dayStart) {
          dayStart = row.start;
          day = dayKey(row.start);
        }
        const user = users.get(row.userId);
        const email = user !== undefined && row.email === user.email ? user.email : row.email;
        return [day, user?.userId ?? row.userId, user?.label ?? row.userId, email, ...dayCells(row)];
      });
    }
  }
  return { columns: ['day', 'user_id', 'user', 'email', ...metricColumns], pages: tableRows() };
}

/** A whole table as one page. */
export function onePage(table: ExportTable): ExportPages {
  async function* pages(): AsyncIterable<ExportTable['rows']> {
    yield table.rows;
  }
  return { columns: table.columns, pages: pages() };
}

/** Every page collected into one table. */
export async function collectPages(pages: ExportPages): Promise<ExportTable> {
  const rows: ExportTable['rows'] = [];
  for await (const page of pages.pages) for (const row of page) rows.push(row);
  return { columns: pages.columns, rows };
}

const emptyDay: DayMetrics = {
  threads: 0,
  turns: 0,
  credits: 0,
  uncachedInput: null,
  cachedInput: null,
  output: null,
  total: null,
  costUsd: null,
  estimatedCostUsd: null,
};

function dayCells(m: DayMetrics): Array<number | null> {
  return [
    m.threads,
    m.turns,
    m.credits,
    m.uncachedInput,
    m.cachedInput,
    m.output,
    m.total,
    m.costUsd,
    m.estimatedCostUsd,
  ];
}

/** Code Review volume and feedback per day, joined on the bucket start. */
export function reviewsTable(
  reviews: readonly CodeReviewRow[],
  responses: readonly CodeReviewResponseRow[],
): ExportTable {
  const days = new Map<number, { review?: CodeReviewRow; response?: CodeReviewResponseRow }>();
  const entry = (start: number) => {
    let found = days.get(start);
    if (found === undefined) {
      found = {};
      days.set(start, found);
    }
    return found;
  };
  for (const row of reviews) entry(row.start_time).review = row;
  for (const row of responses) entry(row.start_time).response = row;
  const columns = ['day', 'prs_reviewed', 'comments', 'p0', 'p1', 'p2', 'replies', 'reactions'];
  columns.push('upvotes', 'downvotes', 'other_reactions', 'engaged_comments', 'replied_comments');
  const rows = [...days.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, { review, response }]) => {
      const priority = review?.comment_details ?? null;
      const reactions = response?.reaction_details ?? null;
      const engagement = response?.comment_response_details ?? null;
      return [
        dayKey(start),
        review?.pull_request_reviews ?? null,
        review?.comments ?? null,
        priority?.p0 ?? null,
        priority?.p1 ?? null,
        priority?.p2 ?? null,
        response?.replies ?? null,
        response?.reactions ?? null,
        reactions?.upvotes ?? null,
        reactions?.downvotes ?? null,
        reactions?.other ?? null,
        engagement?.engaged ?? null,
        engagement?.replied ?? null,
      ];
    });
  return { columns, rows };
}

function metricCells(figures: UsageFigures): Array<number | null> {
  const { tokens } = figures;
  return [
    figures.threads,
    figures.turns,
    figures.credits,
    tokens.uncachedInput,
    tokens.cachedInput,
    tokens.output,
    tokens.total,
    figures.cost.costUsd,
    figures.cost.estimatedCostUsd,
  ];
}
