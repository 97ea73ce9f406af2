import { z } from 'zod';
import { digestCadences } from '../domain/digest-cadence.js';
import { digestDays } from '../domain/digest-days.js';
import { digestStyles } from '../domain/digest-styles.js';
import { insertWithFreshId, normalizeShortId, shortId } from './short-id.js';
import { parseRow, type SqlExecutor } from './sql-executor.js';
import type { NewSubscription, Subscription, SubscriptionStore } from './store-types.js';

const subscriptionRow = z
  .object({
    id: z.string(),
    team_id: z.string(),
    channel_id: z.string(),
    owner_user_id: z.string(),
    // Nullable: DuckDB cannot add a NOT NULL column (migration 7); a null is a channel's, as before it.
    kind: z.enum(['channel', 'personal']).nullable(),
    day: z.enum(digestDays),
    time: z.string(),
    time_zone: z.string(),
    style: z.enum(digestStyles),
    cadence: z.enum(digestCadences),
    filter_team_id: z.string().nullable(),
    filter_team_name: z.string().nullable(),
    status: z.enum(['active', 'paused']),
    paused_reason: z.string().nullable(),
    created_at: z.coerce.date(),
  })
  .transform(
    (row): Subscription => ({
      id: row.id,
      teamId: row.team_id,
      channelId: row.channel_id,
      ownerUserId: row.owner_user_id,
      kind: row.kind ?? 'channel',
      day: row.day,
      time: row.time,
      timeZone: row.time_zone,
      style: row.style,
      cadence: row.cadence,
      team:
        row.filter_team_id === null
          ? null
          : { id: row.filter_team_id, name: row.filter_team_name ?? row.filter_team_id },
      status: row.status,
      pausedReason: row.paused_reason,
      createdAt: row.created_at,
    }),
  );

const COLUMNS =
  'id, team_id, channel_id, owner_user_id, kind, day, time, time_zone, style, cadence, filter_team_id, filter_team_name, status, paused_reason, created_at';

/** Where the repository gets created_at / removed_at times and new ids. */
export interface SubscriptionRepositoryOptions {
  now: () => Date;
  /** Injected so tests can force collisions; defaults to a random 5-character id. */
  newId?: () => string;
}

/**
 * Subscriptions in SQL. Removal is a soft delete (`removed_at`): removed subscriptions disappear from
 * get/list but keep their row, so their delivery history stays.
 */
export function createSubscriptionRepository(
  db: SqlExecutor,
  options: SubscriptionRepositoryOptions,
): SubscriptionStore {
  const newId = options.newId ?? (() => shortId());
  const parse = (row: Record<string, unknown> | undefined) => parseRow(subscriptionRow, row, 'subscriptions');

  return {
    create: (input: NewSubscription) =>
      insertWithFreshId(newId, 'subscription', async (id) => {
        const rows = await db.query(
          `INSERT INTO subscriptions
             (id, team_id, channel_id, owner_user_id, day, time, time_zone, style, cadence,
              filter_team_id, filter_team_name, status, created_at, kind)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active', $12, $13)
           ON CONFLICT (id) DO NOTHING
           RETURNING ${COLUMNS}`,
          [
            id,
            input.teamId,
            input.channelId,
            input.ownerUserId,
            input.day,
            input.time,
            input.timeZone,
            input.style,
            input.cadence,
            input.team?.id ?? null,
            input.team?.name ?? null,
            options.now(),
            input.kind ?? 'channel',
          ],
        );
        return rows.length > 0 ? parse(rows[0]) : undefined;
      }),

    async get(id) {
      const rows = await db.query(
        `SELECT ${COLUMNS} FROM subscriptions WHERE id = $1 AND removed_at IS NULL`,
        [normalizeShortId(id)],
      );
      return rows.length > 0 ? parse(rows[0]) : null;
    },

    async list(teamId) {
      const rows =
        teamId === undefined
          ? await db.query(
              `SELECT ${COLUMNS} FROM subscriptions WHERE removed_at IS NULL ORDER BY created_at, id`,
            )
          : await db.query(
              `SELECT ${COLUMNS} FROM subscriptions WHERE team_id = $1 AND removed_at IS NULL
               ORDER BY created_at, id`,
              [teamId],
            );
      return rows.map(parse);
    },

    async remove(id) {
      const rows = await db.query(
        'UPDATE subscriptions SET removed_at = $2 WHERE id = $1 AND removed_at IS NULL RETURNING id',
        [normalizeShortId(id), options.now()],
      );
      return rows.length > 0;
    },

    async setStatus(id, status, reason) {
      // A no-op for a removed subscription: the scheduler may pause one that a person removed meanwhile,
      // and that race is not an error. An active subscription never carries a reason.
      await db.query(
        'UPDATE subscriptions SET status = $2, paused_reason = $3 WHERE id = $1 AND removed_at IS NULL',
        [normalizeShortId(id), status, status === 'active' ? null : reason],
      );
    },

    async findPersonal(teamId, userId) {
      const rows = await db.query(
        `SELECT ${COLUMNS} FROM subscriptions
         WHERE team_id = $1 AND owner_user_id = $2 AND kind = 'personal' AND removed_at IS NULL
         ORDER BY created_at, id LIMIT 1`,
        [teamId, userId],
      );
      return rows.length > 0 ? parse(rows[0]) : null;
    },

    async setSchedule(id, schedule) {
      const rows = await db.query(
        `UPDATE subscriptions SET day = $2, time = $3, time_zone = $4
         WHERE id = $1 AND removed_at IS NULL RETURNING ${COLUMNS}`,
        [normalizeShortId(id), schedule.day, schedule.time, schedule.timeZone],
      );
      return rows.length > 0 ? parse(rows[0]) : null;
    },
  };
}
