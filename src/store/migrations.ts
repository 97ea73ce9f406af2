/**
 * The schema, as versioned migrations applied in order at start (issue #5) by the runner shared with the
 * warehouse. Append only: never edit a migration that has shipped — add the next version instead. Times
 * are `timestamptz` written by the caller's clock, never `now()`.
 *
 * Statements are shared by PostgreSQL and the embedded DuckDB store (issue 11 §4), except where DuckDB
 * cannot follow: no partial indexes, no ADD COLUMN with a constraint, and foreign keys that refuse any
 * UPDATE of a referenced row (DuckDB's documented limitation — a delivery could never be finished). So on
 * DuckDB the repositories keep those references, the tables are small enough for zone maps alone, and
 * the subscriptions table is born with migration 3's cadence column: the DuckDB store was first created
 * after migration 3 shipped, always from an empty file, so it never held a row without a cadence.
 */
import type { Migration, MigrationLedger } from './run-migrations.js';

/** Where the store records its applied migrations (the table it has used since issue #5). */
export const storeLedger: MigrationLedger = {
  label: 'store',
  table: 'schema_migrations',
  appliedAt: 'timestamptz',
  // An arbitrary constant shared by every replica (pg_advisory_xact_lock), distinct from the warehouse's.
  lockKey: 7_314_202_605,
};

const subscriptionColumns = `
  id text PRIMARY KEY,
  team_id text NOT NULL,
  channel_id text NOT NULL,
  owner_user_id text NOT NULL,
  day text NOT NULL,
  time text NOT NULL,
  time_zone text NOT NULL,
  style text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
  paused_reason text,
  created_at timestamptz NOT NULL,
  -- Soft delete: a removed subscription keeps its row so its delivery history still joins.
  removed_at timestamptz`;

const cadenceColumn = `cadence text NOT NULL DEFAULT 'weekly' CHECK (cadence IN ('weekly', 'monthly', 'quarterly'))`;

const deliveryColumns = `
  subscription_id text NOT NULL,
  -- Unix seconds of the covered period's start; with subscription_id the exactly-once key.
  period_start bigint NOT NULL,
  due_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'skipped', 'failed')),
  reason text,
  parent_ts text,
  posted_parts integer NOT NULL DEFAULT 0,
  attempts integer NOT NULL DEFAULT 0,
  claimed_by text,
  claimed_until timestamptz,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (subscription_id, period_start)`;

// Each Slack message of a digest, recorded as posted, so a restarted delivery resumes after it.
const partColumns = `
  subscription_id text NOT NULL,
  period_start bigint NOT NULL,
  part integer NOT NULL CHECK (part >= 0),
  ts text NOT NULL,
  posted_at timestamptz NOT NULL,
  PRIMARY KEY (subscription_id, period_start, part)`;

/** Every migration, oldest first. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'subscriptions_and_deliveries',
    statements: [
      {
        postgres: `CREATE TABLE subscriptions (${subscriptionColumns})`,
        embedded: `CREATE TABLE subscriptions (${subscriptionColumns},\n  ${cadenceColumn})`,
      },
      {
        postgres: 'CREATE INDEX subscriptions_team_idx ON subscriptions (team_id) WHERE removed_at IS NULL',
        embedded: null,
      },
      {
        postgres: `CREATE TABLE deliveries (${deliveryColumns},
          FOREIGN KEY (subscription_id) REFERENCES subscriptions (id))`,
        embedded: `CREATE TABLE deliveries (${deliveryColumns})`,
      },
      {
        postgres: `CREATE TABLE delivery_parts (${partColumns},
          FOREIGN KEY (subscription_id, period_start) REFERENCES deliveries (subscription_id, period_start))`,
        embedded: `CREATE TABLE delivery_parts (${partColumns})`,
      },
    ],
  },
  {
    version: 2,
    name: 'shares',
    // Issue #9: "Share to channel" answers lived in process memory, so a click after a restart or on
    // another replica said "expired". They live here for their 30 minutes, bound to who asked.
    statements: [
      {
        postgres: `CREATE TABLE shares (${shareColumns('jsonb')})`,
        embedded: `CREATE TABLE shares (${shareColumns('json')})`,
      },
      // Saving a share deletes the expired ones: this index keeps that cheap and the table bounded.
      { postgres: 'CREATE INDEX shares_expires_idx ON shares (expires_at)', embedded: null },
    ],
  },
  {
    version: 3,
    name: 'digest cadence',
    // Issue 11 §3: digests can be monthly or quarterly. Every subscription made before is weekly.
    statements: [{ postgres: `ALTER TABLE subscriptions ADD COLUMN ${cadenceColumn}`, embedded: null }],
  },
  {
    version: 4,
    name: 'alerts',
    // Issue 13: alert rules, and one row per (rule, period) that met its condition — the exactly-once key
    // of a firing, claimed like a digest delivery. The rule's spec and destination are JSON text, parsed
    // with zod on the way out (alert-repository.ts).
    statements: [
      `CREATE TABLE alert_rules (
        id text PRIMARY KEY,
        team_id text NOT NULL,
        owner_user_id text NOT NULL,
        spec text NOT NULL,
        destination text NOT NULL,
        created_at timestamptz NOT NULL,
        snoozed_until timestamptz,
        muted boolean NOT NULL DEFAULT false,
        removed_at timestamptz
      )`,
      `CREATE TABLE alert_firings (
        rule_id text NOT NULL,
        period_start bigint NOT NULL,
        period_end bigint NOT NULL,
        value double precision NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'posted', 'failed', 'suppressed')),
        reason text,
        message_ts text,
        claimed_by text,
        claimed_until timestamptz,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (rule_id, period_start)
      )`,
    ],
  },
  {
    version: 5,
    name: 'budgets',
    // Issue 13 §3: a monthly budget per Slack team and scope ('' = the workspace, else a team's name).
    // Replaced budgets keep their row (removed_at), like subscriptions.
    statements: [
      `CREATE TABLE budgets (
        id text PRIMARY KEY,
        team_id text NOT NULL,
        scope text NOT NULL,
        amount double precision NOT NULL CHECK (amount > 0),
        unit text NOT NULL CHECK (unit IN ('credits', 'usd')),
        owner_user_id text NOT NULL,
        created_at timestamptz NOT NULL,
        removed_at timestamptz
      )`,
    ],
  },
  {
    version: 6,
    name: 'team digests',
    // Issue 12 §3: a team's own digest. The warehouse team's id (a user group, channel or roster team:
    // teams are warehouse data, so no foreign key) and its name when subscribed, for `digest list` when
    // the team has since gone. Both null: the workspace digest, as every subscription before.
    statements: [
      'ALTER TABLE subscriptions ADD COLUMN filter_team_id text',
      'ALTER TABLE subscriptions ADD COLUMN filter_team_name text',
    ],
  },
  {
    version: 7,
    name: 'personal subscriptions',
    // Issue 13 §4: `/codex me subscribe` is a subscription whose destination is the subscriber's DM and
    // whose report is their own week, so it shares the deliveries' exactly-once claim. Every subscription
    // before is a channel's. One live personal subscription per user: PostgreSQL enforces it (several
    // replicas); DuckDB has no partial indexes, and its single process serialises subscribes per user.
    statements: [
      {
        postgres: `ALTER TABLE subscriptions ADD COLUMN kind text NOT NULL DEFAULT 'channel'
          CHECK (kind IN ('channel', 'personal'))`,
        embedded: `ALTER TABLE subscriptions ADD COLUMN kind text DEFAULT 'channel'`,
      },
      {
        postgres: `CREATE UNIQUE INDEX subscriptions_personal_idx ON subscriptions (team_id, owner_user_id)
          WHERE kind = 'personal' AND removed_at IS NULL`,
        embedded: null,
      },
    ],
  },
  {
    version: 8,
    name: 'alert firing attempts',
    // Issue 13 §5: how many times a firing was claimed. A claim past the first is a takeover from a
    // replica that died mid-post, so the heir looks its message up in Slack before posting it again.
    // No constraint (DuckDB cannot add a column with one); a NULL reads as 0.
    statements: ['ALTER TABLE alert_firings ADD COLUMN attempts integer DEFAULT 0'],
  },
];

function shareColumns(json: 'jsonb' | 'json'): string {
  return `
  id text PRIMARY KEY,
  team_id text NOT NULL,
  user_id text NOT NULL,
  -- The answer names people (admin-only data): sharing it re-checks admin rights.
  per_user boolean NOT NULL,
  named_people integer NOT NULL CHECK (named_people >= 0),
  payload ${json} NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  -- Held by the click that is posting it, so a double click or two replicas post it once.
  taken_until timestamptz`;
}
