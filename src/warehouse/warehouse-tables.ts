/**
 * API rows → warehouse table rows: the typed columns figures read, plus the row's JSON. Identity comes
 * from the one identity function (src/codex/row-identity.ts) and activity from the figures' own
 * definition, so the warehouse can never disagree with the pure functions about who was active.
 */
import { emailOf, userIdOf } from '../codex/row-identity.js';
import type { CodeReviewResponseRow, CodeReviewRow, UsageMetrics, UsageRow } from '../codex/schemas.js';
import { isActive } from '../figures/usage-accumulator.js';
import type { SqlParam, TableSpec } from './warehouse-sql.js';

const metricColumns = [
  { name: 'threads', type: 'bigint' },
  { name: 'turns', type: 'bigint' },
  { name: 'credits', type: 'double' },
  { name: 'cost_usd', type: 'double' },
  { name: 'estimated_cost_usd', type: 'double' },
  { name: 'uncached_text_input_tokens', type: 'bigint' },
  { name: 'cached_text_input_tokens', type: 'bigint' },
  { name: 'text_output_tokens', type: 'bigint' },
  { name: 'text_total_tokens', type: 'bigint' },
] as const;

type Metrics = Pick<UsageMetrics, (typeof metricColumns)[number]['name']>;

function metricValues(m: Metrics): SqlParam[] {
  return [
    m.threads,
    m.turns,
    m.credits,
    m.cost_usd,
    m.estimated_cost_usd,
    m.uncached_text_input_tokens,
    m.cached_text_input_tokens,
    m.text_output_tokens,
    m.text_total_tokens,
  ];
}

export const userUsageTable: TableSpec = {
  name: 'usage_user_daily',
  columns: [
    { name: 'start_time', type: 'bigint' },
    { name: 'end_time', type: 'bigint' },
    { name: 'user_id', type: 'text' },
    { name: 'email', type: 'text' },
    { name: 'active', type: 'boolean' },
    { name: 'client_count', type: 'bigint' },
    ...metricColumns,
    { name: 'lines_added', type: 'bigint' },
    { name: 'lines_removed', type: 'bigint' },
    { name: 'raw', type: 'text' },
  ],
};

export const userClientUsageTable: TableSpec = {
  name: 'usage_user_client_daily',
  columns: [
    { name: 'start_time', type: 'bigint' },
    { name: 'user_id', type: 'text' },
    { name: 'client_id', type: 'text' },
    ...metricColumns,
  ],
};

/** models[] items of the per-user rows, for the usage breakdown by model. */
export const userModelUsageTable: TableSpec = {
  name: 'usage_user_model_daily',
  columns: [
    { name: 'start_time', type: 'bigint' },
    { name: 'user_id', type: 'text' },
    { name: 'model', type: 'text' },
    { name: 'speed', type: 'text' },
    ...metricColumns,
  ],
};

export const workspaceUsageTable: TableSpec = {
  name: 'usage_workspace_daily',
  columns: [
    { name: 'start_time', type: 'bigint' },
    { name: 'end_time', type: 'bigint' },
    ...metricColumns,
    { name: 'raw', type: 'text' },
  ],
};

export const codeReviewTable: TableSpec = {
  name: 'code_review_daily',
  columns: [
    { name: 'start_time', type: 'bigint' },
    { name: 'end_time', type: 'bigint' },
    { name: 'pull_request_reviews', type: 'bigint' },
    { name: 'comments', type: 'bigint' },
    { name: 'p0', type: 'bigint' },
    { name: 'p1', type: 'bigint' },
    { name: 'p2', type: 'bigint' },
    { name: 'raw', type: 'text' },
  ],
};

export const codeReviewResponseTable: TableSpec = {
  name: 'code_review_response_daily',
  columns: [
    { name: 'start_time', type: 'bigint' },
    { name: 'end_time', type: 'bigint' },
    { name: 'pull_request_reviews', type: 'bigint' },
    { name: 'comments', type: 'bigint' },
    { name: 'replies', type: 'bigint' },
    { name: 'reactions', type: 'bigint' },
    { name: 'upvotes', type: 'bigint' },
    { name: 'downvotes', type: 'bigint' },
    { name: 'engaged', type: 'bigint' },
    { name: 'raw', type: 'text' },
    // Added by migration 5, so it comes last in the table (DuckDB's appender writes columns in order).
    { name: 'other_reactions', type: 'bigint' },
  ],
};

/** A per-user row's table rows, or null for a row without a user (a workspace row). */
export function userUsageValues(
  row: UsageRow,
): { user: SqlParam[]; clients: SqlParam[][]; models: SqlParam[][] } | null {
  const userId = userIdOf(row);
  if (userId === null) return null;
  const active = isActive(row.totals) || row.clients.some(isActive);
  return {
    user: [
      row.start_time,
      row.end_time,
      userId,
      emailOf(row),
      active,
      row.clients.length,
      ...metricValues(row.totals),
      row.code_attribution?.lines_added ?? null,
      row.code_attribution?.lines_removed ?? null,
      JSON.stringify(row),
    ],
    clients: row.clients.map((client) => [row.start_time, userId, client.client_id, ...metricValues(client)]),
    models: row.models.map((item) => [row.start_time, userId, item.model, item.speed, ...metricValues(item)]),
  };
}

export function workspaceUsageValues(row: UsageRow): SqlParam[] {
  return [row.start_time, row.end_time, ...metricValues(row.totals), JSON.stringify(row)];
}

export function codeReviewValues(row: CodeReviewRow): SqlParam[] {
  const details = row.comment_details;
  return [
    row.start_time,
    row.end_time,
    row.pull_request_reviews,
    row.comments,
    details?.p0 ?? null,
    details?.p1 ?? null,
    details?.p2 ?? null,
    JSON.stringify(row),
  ];
}

export function codeReviewResponseValues(row: CodeReviewResponseRow): SqlParam[] {
  return [
    row.start_time,
    row.end_time,
    row.pull_request_reviews,
    row.comments,
    row.replies,
    row.reactions,
    row.reaction_details?.upvotes ?? null,
    row.reaction_details?.downvotes ?? null,
    row.comment_response_details?.engaged ?? null,
    JSON.stringify(row),
    row.reaction_details?.other ?? null,
  ];
}
