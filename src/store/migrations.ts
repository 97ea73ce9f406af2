/**
 * The schema, as versioned migrations applied in order at start (issue #5). Append only: never edit a
 * migration that has shipped — add the next version instead. One dialect (PostgreSQL) serves both
 * PGlite and real PostgreSQL. Times are `timestamptz` written by the caller's clock, never `now()`.
 */
/** One schema step; `version` is its 1-based position in `migrations`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, oldest first. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'subscriptions_and_deliveries',
    sql: `
      CREATE TABLE subscriptions (
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
        removed_at timestamptz
      );
      CREATE INDEX subscriptions_team_idx ON subscriptions (team_id) WHERE removed_at IS NULL;

      CREATE TABLE deliveries (
        subscription_id text NOT NULL REFERENCES subscriptions (id),
        -- Unix seconds of the covered week's Monday 00:00 UTC; with subscription_id the exactly-once key.
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
        PRIMARY KEY (subscription_id, period_start)
      );

      -- Each Slack message of a digest, recorded as posted, so a restarted delivery resumes after it.
      CREATE TABLE delivery_parts (
        subscription_id text NOT NULL,
        period_start bigint NOT NULL,
        part integer NOT NULL CHECK (part >= 0),
        ts text NOT NULL,
        posted_at timestamptz NOT NULL,
        PRIMARY KEY (subscription_id, period_start, part),
        FOREIGN KEY (subscription_id, period_start) REFERENCES deliveries (subscription_id, period_start)
      );
    `,
  },
  {
    version: 2,
    name: 'shares',
    // Issue #9: "Share to channel" answers lived in process memory, so a click after a restart or on
    // another replica said "expired". They live here for their 30 minutes, bound to who asked.
    sql: `
      CREATE TABLE shares (
        id text PRIMARY KEY,
        team_id text NOT NULL,
        user_id text NOT NULL,
        -- The answer names people (admin-only data): sharing it re-checks admin rights.
        per_user boolean NOT NULL,
        named_people integer NOT NULL CHECK (named_people >= 0),
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        -- Held by the click that is posting it, so a double click or two replicas post it once.
        taken_until timestamptz
      );
      -- Saving a share deletes the expired ones: this index keeps that cheap and the table bounded.
      CREATE INDEX shares_expires_idx ON shares (expires_at);
    `,
  },
  {
    version: 3,
    name: 'digest cadence',
    // Issue 11 §3: digests can be monthly or quarterly. Every subscription made before is weekly.
    sql: `
      ALTER TABLE subscriptions
        ADD COLUMN cadence text NOT NULL DEFAULT 'weekly' CHECK (cadence IN ('weekly', 'monthly', 'quarterly'));
    `,
  },
];
