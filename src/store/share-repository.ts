import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CodexPulseError } from '../errors.js';
import { parseRow, type SqlExecutor, type SqlRow } from './sql-executor.js';
import type { Share, ShareStore } from './store-types.js';

const shareRow = z
  .object({
    id: z.string(),
    team_id: z.string(),
    user_id: z.string(),
    per_user: z.boolean(),
    named_people: z.coerce.number().int().nonnegative(),
    // Read as text on both engines (PostgreSQL's jsonb, DuckDB's json) and parsed here, once.
    payload: z.string().transform((text): unknown => JSON.parse(text)),
    created_at: z.coerce.date(),
    expires_at: z.coerce.date(),
  })
  .transform(
    (row): Share => ({
      id: row.id,
      teamId: row.team_id,
      userId: row.user_id,
      perUser: row.per_user,
      namedPeople: row.named_people,
      payload: row.payload,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    }),
  );

const COLUMNS =
  'id, team_id, user_id, per_user, named_people, CAST(payload AS text) AS payload, created_at, expires_at';
const parse = (row: SqlRow | undefined): Share => parseRow(shareRow, row, 'shares');

/**
 * Shareable answers in SQL. Every time comes from the caller (the edge's clock), never `now()` in SQL,
 * so a test moves past the 30 minutes without sleeping. Ids are UUIDs: a share id is what a click
 * presents, so it must not be guessable (the owner check stands behind it as well).
 */
export function createShareRepository(db: SqlExecutor): ShareStore {
  return {
    async save(input, now, ttlMs) {
      if (!(ttlMs > 0)) throw invalid(`ttlMs must be positive, got ${ttlMs}`);
      if (!Number.isInteger(input.namedPeople) || input.namedPeople < 0)
        throw invalid(`namedPeople must be an integer ≥ 0, got ${input.namedPeople}`);
      // The bound on size: whatever expired goes before anything new comes in.
      await db.query('DELETE FROM shares WHERE expires_at <= $1', [now]);
      const rows = await db.query(
        `INSERT INTO shares (id, team_id, user_id, per_user, named_people, payload, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING ${COLUMNS}`,
        [
          randomUUID(),
          input.teamId,
          input.userId,
          input.perUser,
          input.namedPeople,
          JSON.stringify(input.payload),
          now,
          new Date(now.getTime() + ttlMs),
        ],
      );
      return parse(rows[0]);
    },

    async get(id, now) {
      const rows = await db.query(`SELECT ${COLUMNS} FROM shares WHERE id = $1 AND expires_at > $2`, [
        id,
        now,
      ]);
      return rows.length > 0 ? parse(rows[0]) : null;
    },

    async take(id, now, leaseMs) {
      if (!(leaseMs > 0)) throw invalid(`leaseMs must be positive, got ${leaseMs}`);
      // One statement: PostgreSQL re-checks the WHERE on the locked row, so one click wins.
      const rows = await db.query(
        `UPDATE shares SET taken_until = $3
         WHERE id = $1 AND expires_at > $2 AND (taken_until IS NULL OR taken_until <= $2)
         RETURNING id`,
        [id, now, new Date(now.getTime() + leaseMs)],
      );
      return rows.length > 0;
    },

    async release(id) {
      await db.query('UPDATE shares SET taken_until = NULL WHERE id = $1', [id]);
    },

    async remove(id) {
      await db.query('DELETE FROM shares WHERE id = $1', [id]);
    },
  };
}

function invalid(message: string): CodexPulseError {
  return new CodexPulseError('store_invalid_input', message);
}
