/**
 * The warehouse schema as versioned migrations, applied in order at open (like src/store/migrations.ts).
 * Append only: never edit a migration that has shipped — add the next version. Each statement is in the
 * subset of SQL both DuckDB and PostgreSQL accept (BIGINT, DOUBLE PRECISION, TEXT, BOOLEAN, composite
 * primary keys). Times of sync runs are epoch milliseconds written from the injected clock, never now().
 *
 * Bucket tables key on `start_time` (+ `user_id` for per-user rows): a sync replaces whole days, and
 * the warehouse refuses a batch holding one key twice. On PostgreSQL the key is also a PRIMARY KEY (its
 * index serves the day-range deletes); DuckDB gets no keys or indexes: its ART indexes live in memory
 * and slow the appender, while its zone maps already make day-range scans and deletes cheap on rows
 * appended in time order.
 */
import type { Migration, MigrationLedger } from '../store/run-migrations.js';
import type { EngineStatement } from '../store/sql-engine.js';
import {
  rebuildTeamFigureAggregates,
  teamFigureTableNames,
  teamFigureTables,
} from './team-figure-aggregates.js';
import {
  ALL_DAYS,
  dailyUsageAggregateTableNames,
  rebuildDailyUsageAggregates,
  usageAggregateTables,
} from './usage-aggregates.js';
import {
  rebuildUsagePeriodAggregates,
  usagePeriodAggregateTableNames,
  usagePeriodAggregateTables,
} from './usage-period-aggregates.js';

/** Where the warehouse records its applied migrations (the shared runner in src/store/run-migrations.ts). */
export const warehouseLedger: MigrationLedger = {
  label: 'warehouse',
  table: 'warehouse_migrations',
  appliedAt: 'epoch_ms',
  // Distinct from the store's key so the two lists never wait on each other.
  lockKey: 7_314_202_611,
};

/** `CREATE TABLE` with its key as PRIMARY KEY on PostgreSQL only (see the module comment). */
function keyedTable(name: string, columns: string, key: string): EngineStatement {
  return {
    postgres: `CREATE TABLE ${name} (${columns},\n PRIMARY KEY (${key}))`,
    embedded: `CREATE TABLE ${name} (${columns})`,
  };
}

/** Token and USD columns shared by the usage tables; null = unknown, never 0 (as in the API). */
const usageMetricColumns = `
  threads BIGINT NOT NULL,
  turns BIGINT NOT NULL,
  credits DOUBLE PRECISION NOT NULL,
  cost_usd DOUBLE PRECISION,
  estimated_cost_usd DOUBLE PRECISION,
  uncached_text_input_tokens BIGINT,
  cached_text_input_tokens BIGINT,
  text_output_tokens BIGINT,
  text_total_tokens BIGINT`;

export const warehouseMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'usage_reviews_and_sync_runs',
    statements: [
      // One row per user per UTC day. `active` is the contract's definition (threads, turns or credits
      // above zero, on the totals or any client), computed once at ingest; `client_count` = 0 marks rows
      // without clients[], which figures attribute wholly to Other.
      keyedTable(
        'usage_user_daily',
        `start_time BIGINT NOT NULL,
        end_time BIGINT NOT NULL,
        user_id TEXT NOT NULL,
        email TEXT,
        active BOOLEAN NOT NULL,
        client_count INTEGER NOT NULL,
        ${usageMetricColumns},
        lines_added BIGINT,
        lines_removed BIGINT,
        raw TEXT NOT NULL`,
        'start_time, user_id',
      ),
      // clients[] items of those rows, for figures by surface. No key: client_id may be null.
      `CREATE TABLE usage_user_client_daily (
        start_time BIGINT NOT NULL,
        user_id TEXT NOT NULL,
        client_id TEXT,
        ${usageMetricColumns}
      )`,
      {
        postgres: 'CREATE INDEX usage_user_client_daily_day_idx ON usage_user_client_daily (start_time)',
        embedded: null,
      },
      // The tables below hold one row a day: their keys cost nothing on either engine.
      `CREATE TABLE usage_workspace_daily (
        start_time BIGINT NOT NULL PRIMARY KEY,
        end_time BIGINT NOT NULL,
        ${usageMetricColumns},
        raw TEXT NOT NULL
      )`,
      `CREATE TABLE code_review_daily (
        start_time BIGINT NOT NULL PRIMARY KEY,
        end_time BIGINT NOT NULL,
        pull_request_reviews BIGINT NOT NULL,
        comments BIGINT NOT NULL,
        p0 BIGINT,
        p1 BIGINT,
        p2 BIGINT,
        raw TEXT NOT NULL
      )`,
      `CREATE TABLE code_review_response_daily (
        start_time BIGINT NOT NULL PRIMARY KEY,
        end_time BIGINT NOT NULL,
        pull_request_reviews BIGINT NOT NULL,
        comments BIGINT NOT NULL,
        replies BIGINT NOT NULL,
        reactions BIGINT NOT NULL,
        upvotes BIGINT,
        downvotes BIGINT,
        engaged BIGINT,
        raw TEXT NOT NULL
      )`,
      `CREATE TABLE sync_runs (
        id TEXT NOT NULL PRIMARY KEY,
        kind TEXT NOT NULL,
        started_at_ms BIGINT NOT NULL,
        finished_at_ms BIGINT,
        window_start BIGINT NOT NULL,
        window_end BIGINT NOT NULL,
        requests BIGINT NOT NULL,
        rows_written BIGINT NOT NULL,
        outcome TEXT NOT NULL,
        error_code TEXT,
        error TEXT
      )`,
    ],
  },
  {
    version: 2,
    name: 'teams_and_identities',
    // Issue 12. The identity refresh replaces these whole, in one transaction, each day: keys only on
    // PostgreSQL (DuckDB checks a key deleted and re-inserted in one transaction too eagerly); the
    // refresh itself never writes one key twice.
    statements: [
      // Every Codex actor the warehouse has seen, with the Slack user its email matched (null: none).
      keyedTable(
        'codex_identities',
        `codex_user_id TEXT NOT NULL,
        email TEXT,
        slack_user_id TEXT`,
        'codex_user_id',
      ),
      keyedTable(
        'teams',
        `team_id TEXT NOT NULL,
        name TEXT NOT NULL,
        origin TEXT NOT NULL,
        seats BOOLEAN NOT NULL`,
        'team_id',
      ),
      // One row per team and person; `member_key` is the Slack user id, or `email:<email>` for a roster
      // person without a Slack account. codex_user_id is null for members who never used Codex (or whose
      // email did not match).
      keyedTable(
        'team_members',
        `team_id TEXT NOT NULL,
        member_key TEXT NOT NULL,
        slack_user_id TEXT,
        email TEXT,
        codex_user_id TEXT,
        manager TEXT,
        cost_centre TEXT`,
        'team_id, member_key',
      ),
      `CREATE TABLE team_refreshes (
        id TEXT NOT NULL PRIMARY KEY,
        started_at_ms BIGINT NOT NULL,
        finished_at_ms BIGINT NOT NULL,
        status TEXT NOT NULL,
        slack_users BIGINT NOT NULL,
        codex_users BIGINT NOT NULL,
        matched BIGINT NOT NULL,
        unmatched BIGINT NOT NULL,
        codex_without_email BIGINT NOT NULL,
        teams BIGINT NOT NULL,
        memberships BIGINT NOT NULL,
        requests BIGINT NOT NULL,
        detail TEXT
      )`,
    ],
  },
  {
    version: 3,
    name: 'team_nudges',
    // Issue 12, `/codex nudge inactive`: the newest nudge per Slack person. A key on both engines: the
    // claim is one INSERT … ON CONFLICT … WHERE statement, which needs it (a small table, so DuckDB's
    // in-memory index costs nothing here). Times are epoch milliseconds from the injected clock.
    statements: [
      `CREATE TABLE team_nudges (
        slack_user_id TEXT NOT NULL PRIMARY KEY,
        sent_at_ms BIGINT NOT NULL,
        sent_by TEXT NOT NULL,
        status TEXT NOT NULL
      )`,
    ],
  },
  {
    version: 4,
    name: 'per_user_figure_indexes',
    // PostgreSQL only (DuckDB scans its columns apart and needs none). Each per-user row keeps its ~600-byte
    // raw JSON inline in the heap, so a 90-day ranking scanning the heap read ~1 GB for 20,000 users; the
    // ranking reads these columns alone, from an index-only scan of a narrow covering index (the visibility
    // map is kept by autovacuum after each sync). One user's rows and surfaces (`/codex me`) and the email
    // match are index lookups instead of a window's scan.
    statements: [
      {
        postgres: `CREATE INDEX usage_user_daily_figures_idx ON usage_user_daily (start_time)
          INCLUDE (user_id, email, active, client_count, threads, turns, credits, text_total_tokens)`,
        embedded: null,
      },
      {
        postgres: 'CREATE INDEX usage_user_daily_user_idx ON usage_user_daily (user_id, start_time)',
        embedded: null,
      },
      {
        postgres: 'CREATE INDEX usage_user_daily_email_idx ON usage_user_daily (LOWER(email))',
        embedded: null,
      },
      {
        postgres:
          'CREATE INDEX usage_user_client_daily_user_idx ON usage_user_client_daily (user_id, start_time)',
        embedded: null,
      },
    ],
  },
  {
    version: 5,
    name: 'usage_models_and_client_ids',
    // Figures in SQL (issue 11 §4–5): the usage breakdown by model needs the per-user rows' models[], and
    // review figures the reactions neither 👍 nor 👎; both were only in the raw JSON. Existing rows are
    // filled from it here (the raw JSON is the client's parsed row, so every field has its type).
    statements: [
      `CREATE TABLE usage_user_model_daily (
        start_time BIGINT NOT NULL,
        user_id TEXT NOT NULL,
        model TEXT NOT NULL,
        speed TEXT,
        ${usageMetricColumns}
      )`,
      {
        postgres: 'CREATE INDEX usage_user_model_daily_day_idx ON usage_user_model_daily (start_time)',
        embedded: null,
      },
      {
        postgres: `INSERT INTO usage_user_model_daily
          SELECT u.start_time, u.user_id, m->>'model', m->>'speed',
            COALESCE((m->>'threads')::double precision, 0)::bigint,
            COALESCE((m->>'turns')::double precision, 0)::bigint,
            COALESCE((m->>'credits')::double precision, 0),
            (m->>'cost_usd')::double precision,
            (m->>'estimated_cost_usd')::double precision,
            (m->>'uncached_text_input_tokens')::double precision::bigint,
            (m->>'cached_text_input_tokens')::double precision::bigint,
            (m->>'text_output_tokens')::double precision::bigint,
            (m->>'text_total_tokens')::double precision::bigint
          FROM usage_user_daily u, json_array_elements(u.raw::json->'models') AS m
          WHERE json_typeof(u.raw::json->'models') = 'array'`,
        embedded: `INSERT INTO usage_user_model_daily
          SELECT start_time, user_id, m.model, m.speed, COALESCE(m.threads, 0), COALESCE(m.turns, 0),
            COALESCE(m.credits, 0), m.cost_usd, m.estimated_cost_usd, m.uncached_text_input_tokens,
            m.cached_text_input_tokens, m.text_output_tokens, m.text_total_tokens
          FROM (
            SELECT start_time, user_id, unnest(from_json(json_extract(raw, '$.models'),
              '[{"model":"VARCHAR","speed":"VARCHAR","threads":"DOUBLE","turns":"DOUBLE","credits":"DOUBLE",
                "cost_usd":"DOUBLE","estimated_cost_usd":"DOUBLE","uncached_text_input_tokens":"DOUBLE",
                "cached_text_input_tokens":"DOUBLE","text_output_tokens":"DOUBLE","text_total_tokens":"DOUBLE"}]'))
              AS m
            FROM usage_user_daily
          ) AS items`,
      },
      // Every client_id ever synced: client_id → surface is the app's (configurable) SurfaceOf, joined in
      // as a VALUES list, and reading the few known ids here costs nothing while a window scan would.
      `CREATE TABLE usage_client_ids (client_id TEXT NOT NULL PRIMARY KEY)`,
      `INSERT INTO usage_client_ids
        SELECT DISTINCT client_id FROM usage_user_client_daily WHERE client_id IS NOT NULL`,
      // PostgreSQL keeps a row's raw JSON (~1 KB) inline in the heap, so every figure's scan of
      // usage_user_daily read the JSON too: moved out of line (TOAST) from now on, the heap holds the
      // typed columns only (~5× narrower). Rows written before keep theirs inline until re-synced.
      {
        postgres: 'ALTER TABLE usage_user_daily SET (toast_tuple_target = 128)',
        embedded: null,
      },
      {
        postgres: 'ALTER TABLE usage_user_daily ALTER COLUMN raw SET STORAGE EXTERNAL',
        embedded: null,
      },
      'ALTER TABLE code_review_response_daily ADD COLUMN other_reactions BIGINT',
      {
        postgres: `UPDATE code_review_response_daily
          SET other_reactions = (raw::json->'reaction_details'->>'other')::double precision::bigint`,
        embedded: `UPDATE code_review_response_daily
          SET other_reactions = CAST(json_extract_string(raw, '$.reaction_details.other') AS DOUBLE)`,
      },
    ],
  },
  {
    version: 6,
    name: 'roster_uploads',
    // Issue 12 §1b: the roster an admin uploads in the bot's DM, read by every replica's identity refresh.
    // At most one upload row; its lines keep their file order (`entry_index`). Replaced whole in one
    // transaction, so no key is needed on either engine.
    statements: [
      `CREATE TABLE roster_uploads (
        uploaded_at_ms BIGINT NOT NULL,
        uploaded_by TEXT NOT NULL,
        file_name TEXT NOT NULL
      )`,
      `CREATE TABLE roster_entries (
        entry_index BIGINT NOT NULL,
        email TEXT NOT NULL,
        team TEXT NOT NULL,
        manager TEXT,
        cost_centre TEXT
      )`,
    ],
  },
  {
    version: 7,
    name: 'usage_aggregates',
    // Issue 11 §7: integer user and client keys, a narrow per-user activity table and per-day sums
    // (src/warehouse/usage-aggregates.ts says what each holds), filled from every stored row by the very
    // statements each sync runs for the days it replaces.
    // PostgreSQL plans the figures by row estimates: statistics now, not when autovacuum gets to them.
    statements: [
      ...usageAggregateTables,
      ...rebuildDailyUsageAggregates(ALL_DAYS),
      ...dailyUsageAggregateTableNames.map((table) => ({ postgres: `ANALYZE ${table}`, embedded: null })),
    ],
  },
  {
    version: 8,
    name: 'team_figure_aggregates',
    // Issue 12 §5, `/codex teams` on PostgreSQL: per-user spend rows with integer keys and each user's
    // first active day (team-figure-aggregates.ts), so team figures read the periods' narrow rows instead
    // of a year of usage_user_daily, whose heap rows keep their raw JSON inline (toast_tuple_target = 128
    // of migration 5 left bench/team-figures.ts' 600-byte JSON there: PostgreSQL toasts a row only past
    // ~2 kB, then shrinks it to the target).
    statements: [
      ...teamFigureTables,
      ...rebuildTeamFigureAggregates(ALL_DAYS),
      ...teamFigureTableNames.map((table) => ({ postgres: `ANALYZE ${table}`, embedded: null })),
    ],
  },
  {
    version: 9,
    name: 'usage_period_aggregates',
    // Issue 11 §7 on PostgreSQL: monthly per-user activity and per-period counts of users by set of
    // surface bits (src/warehouse/usage-period-aggregates.ts), filled from the activity rows of
    // migration 7 by the statements each sync runs. usage_client_ids goes: nothing has read it since
    // migration 7's client keys, nor written it since the sync stopped.
    statements: [
      ...usagePeriodAggregateTables,
      ...rebuildUsagePeriodAggregates(ALL_DAYS),
      ...usagePeriodAggregateTableNames.map((table) => ({ postgres: `ANALYZE ${table}`, embedded: null })),
      'DROP TABLE usage_client_ids',
    ],
  },
];
