import { CodexPulseError } from '../errors.js';
import { COLUMNS, parseDelivery as parse } from './delivery-row.js';
import type { SqlExecutor, SqlQueryable } from './sql-executor.js';
import type { DeliveryKey, DeliveryStore } from './store-types.js';

/**
 * Deliveries in SQL: the exactly-once key is (subscription_id, period_start). Every time comes from
 * the caller or the injected clock — never `now()` in SQL — so tests move time without sleeping.
 */
export function createDeliveryRepository(db: SqlExecutor, options: { now: () => Date }): DeliveryStore {
  /**
   * Runs an insert into `deliveries` that PostgreSQL's foreign key guards. DuckDB's foreign keys refuse
   * any update of a referenced row (migrations.ts), so the embedded schema has none and the reference is
   * checked here instead, in the same transaction — serialised, so nothing slips in between — and both
   * engines refuse a delivery for an unknown subscription with the same code.
   */
  const referencing = <T>(subscriptionId: string, fn: (q: SqlQueryable) => Promise<T>): Promise<T> =>
    db.kind === 'postgres'
      ? fn(db)
      : db.transaction(async (tx) => {
          const rows = await tx.query('SELECT 1 AS known FROM subscriptions WHERE id = $1', [subscriptionId]);
          if (rows.length === 0) {
            throw new CodexPulseError(
              'store_query_failed',
              `Store query failed: no subscription ${subscriptionId} for this delivery`,
            );
          }
          return fn(tx);
        });

  return {
    async claim({ subscriptionId, periodStart, dueAt, workerId, now, leaseMs }) {
      assertKey({ subscriptionId, periodStart });
      if (!(leaseMs > 0)) throw invalid(`leaseMs must be positive, got ${leaseMs}`);
      // One statement, so it is atomic on every backend: the insert wins for the first claimer; a
      // conflicting insert takes the row over only when it is still pending and its lease has expired
      // (a crashed replica). Under concurrency PostgreSQL re-checks the WHERE on the locked, latest row,
      // so exactly one claimer gets a row back; the embedded engine runs one statement at a time. Not
      // re-entrant on purpose: a second claim by the same worker while its lease holds also gets null,
      // so two ticks in one process cannot both deliver.
      const rows = await referencing(subscriptionId, (q) =>
        q.query(
          `INSERT INTO deliveries AS d
           (subscription_id, period_start, due_at, status, attempts, claimed_by, claimed_until, updated_at)
         VALUES ($1, $2, $3, 'pending', 1, $4, $5, $6)
         ON CONFLICT (subscription_id, period_start) DO UPDATE
           SET claimed_by = EXCLUDED.claimed_by,
               claimed_until = EXCLUDED.claimed_until,
               attempts = d.attempts + 1,
               updated_at = EXCLUDED.updated_at
           WHERE d.status = 'pending' AND (d.claimed_until IS NULL OR d.claimed_until < $6)
         RETURNING ${COLUMNS}`,
          [subscriptionId, periodStart, dueAt, workerId, new Date(now.getTime() + leaseMs), now],
        ),
      );
      return rows.length > 0 ? parse(rows[0]) : null;
    },

    async reopenFailed({ subscriptionId, periodStart, workerId, now, leaseMs }) {
      assertKey({ subscriptionId, periodStart });
      if (!(leaseMs > 0)) throw invalid(`leaseMs must be positive, got ${leaseMs}`);
      // One statement, like claim: of two replicas retrying at once, only one sees the row still failed.
      // Parts and parent_ts stay, so the retry posts only what is missing, in the same thread; counted
      // as another attempt, so it resumes like a takeover (looking in Slack for a post never recorded).
      const rows = await db.query(
        `UPDATE deliveries SET status = 'pending', reason = NULL, attempts = attempts + 1,
           claimed_by = $3, claimed_until = $4, updated_at = $5
         WHERE subscription_id = $1 AND period_start = $2 AND status = 'failed'
         RETURNING ${COLUMNS}`,
        [subscriptionId, periodStart, workerId, new Date(now.getTime() + leaseMs), now],
      );
      return rows.length > 0 ? parse(rows[0]) : null;
    },

    async recordPart(key, workerId, part, ts) {
      assertKey(key);
      if (!Number.isInteger(part) || part < 0) throw invalid(`part must be an integer ≥ 0, got ${part}`);
      const now = options.now();
      await db.transaction(async (tx) => {
        // Lock the delivery row and prove we still hold it before recording anything. The embedded
        // engine runs one transaction at a time (duckdb-executor.ts), which is the lock there.
        const held = await tx.query(
          `SELECT 1 AS held FROM deliveries WHERE subscription_id = $1 AND period_start = $2
             AND status = 'pending' AND claimed_by = $3${db.kind === 'postgres' ? ' FOR UPDATE' : ''}`,
          [key.subscriptionId, key.periodStart, workerId],
        );
        if (held.length === 0) throw claimLost(key, workerId);
        // Idempotent: recording the same part again keeps the first ts (that message is the one posted).
        await tx.query(
          `INSERT INTO delivery_parts (subscription_id, period_start, part, ts, posted_at)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [key.subscriptionId, key.periodStart, part, ts, now],
        );
        await tx.query(
          `UPDATE deliveries SET
             parent_ts = (SELECT ts FROM delivery_parts p
                          WHERE p.subscription_id = $1 AND p.period_start = $2 AND p.part = 0),
             posted_parts = (SELECT count(*) FROM delivery_parts p
                             WHERE p.subscription_id = $1 AND p.period_start = $2),
             updated_at = $3
           WHERE subscription_id = $1 AND period_start = $2`,
          [key.subscriptionId, key.periodStart, now],
        );
      });
    },

    async finish(key, workerId, status, reason) {
      assertKey(key);
      const rows = await db.query(
        `UPDATE deliveries SET status = $4, reason = $5, claimed_by = NULL, claimed_until = NULL,
           updated_at = $6
         WHERE subscription_id = $1 AND period_start = $2 AND status = 'pending' AND claimed_by = $3
         RETURNING subscription_id`,
        [
          key.subscriptionId,
          key.periodStart,
          workerId,
          status,
          status === 'delivered' ? null : (reason ?? null),
          options.now(),
        ],
      );
      if (rows.length === 0) throw claimLost(key, workerId);
    },

    async recordSkipped(key, dueAt, reason) {
      assertKey(key);
      await referencing(key.subscriptionId, (q) =>
        q.query(
          `INSERT INTO deliveries (subscription_id, period_start, due_at, status, reason, attempts, updated_at)
           VALUES ($1, $2, $3, 'skipped', $4, 0, $5)
           ON CONFLICT (subscription_id, period_start) DO NOTHING`,
          [key.subscriptionId, key.periodStart, dueAt, reason, options.now()],
        ),
      );
    },

    async get(key) {
      const rows = await db.query(
        `SELECT ${COLUMNS} FROM deliveries WHERE subscription_id = $1 AND period_start = $2`,
        [key.subscriptionId, key.periodStart],
      );
      return rows.length > 0 ? parse(rows[0]) : null;
    },

    async recent(subscriptionId, limit) {
      const rows = await db.query(
        `SELECT ${COLUMNS} FROM deliveries WHERE subscription_id = $1
         ORDER BY period_start DESC LIMIT $2`,
        [subscriptionId, Math.max(0, Math.floor(limit))],
      );
      return rows.map(parse);
    },
  };
}

function assertKey(key: DeliveryKey): void {
  if (!Number.isSafeInteger(key.periodStart))
    throw invalid(`periodStart must be an integer, got ${key.periodStart}`);
}

function invalid(message: string): CodexPulseError {
  return new CodexPulseError('store_invalid_input', message);
}

/** The caller must stop: its lease expired and another replica took the delivery over (or it finished). */
function claimLost(key: DeliveryKey, workerId: string): CodexPulseError {
  return new CodexPulseError(
    'store_claim_lost',
    `Worker ${workerId} no longer holds delivery ${key.subscriptionId}@${key.periodStart}`,
  );
}
