/**
 * Alert rules and firings in SQL (issue 13), on both engines. Times come from the caller or the injected
 * clock, never `now()` in SQL. A rule's spec is JSON text, checked with zod when read back, so a row
 * written by another version that no longer parses fails loudly (store_row_invalid) instead of firing
 * something nobody asked for.
 */
import { z } from 'zod';
import { alertMetrics, alertPeriods } from '../domain/alert-rules.js';
import { surfaces } from '../domain/surfaces.js';
import { CodexPulseError } from '../errors.js';
import type { AlertFiringRecord, AlertRule, AlertStore, NewAlertRule } from './alert-store-types.js';
import { insertWithFreshId, normalizeShortId, shortId } from './short-id.js';
import { parseRow, type SqlExecutor } from './sql-executor.js';

const conditionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['above', 'below']), value: z.number(), per: z.enum(alertPeriods) }),
  z.object({ kind: z.literal('change'), percent: z.number(), per: z.enum(alertPeriods) }),
  z.object({ kind: z.literal('anomaly'), k: z.number() }),
]);
const scopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('workspace') }),
  z.object({ kind: z.literal('surface'), surface: z.enum(surfaces) }),
  z.object({ kind: z.literal('team'), team: z.string() }),
  z.object({ kind: z.literal('user'), slackUserId: z.string() }),
]);
const specSchema = z
  .object({
    metric: z.enum(alertMetrics),
    condition: conditionSchema,
    scope: scopeSchema,
    provisional: z.boolean(),
    // Issue 13 §2; rules stored before it have none.
    recover: z.boolean().optional(),
  })
  .transform(({ recover, ...spec }) => (recover ? { ...spec, recover } : spec));
const destinationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('channel'), channelId: z.string() }),
  z.object({ kind: z.literal('dm') }),
]);
const json = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

const ruleRow = z
  .object({
    id: z.string(),
    team_id: z.string(),
    owner_user_id: z.string(),
    spec: json(specSchema),
    destination: json(destinationSchema),
    created_at: z.coerce.date(),
    snoozed_until: z.coerce.date().nullable(),
    muted: z.boolean(),
  })
  .transform(
    (row): AlertRule => ({
      id: row.id,
      teamId: row.team_id,
      ownerUserId: row.owner_user_id,
      spec: row.spec,
      destination: row.destination,
      createdAt: row.created_at,
      snoozedUntil: row.snoozed_until,
      muted: row.muted,
    }),
  );
const RULE_COLUMNS = 'id, team_id, owner_user_id, spec, destination, created_at, snoozed_until, muted';

const firingRow = z
  .object({
    rule_id: z.string(),
    period_start: z.coerce.number(),
    period_end: z.coerce.number(),
    value: z.coerce.number(),
    status: z.enum(['pending', 'posted', 'failed', 'suppressed']),
    reason: z.string().nullable(),
    message_ts: z.string().nullable(),
    claimed_by: z.string().nullable(),
    claimed_until: z.coerce.date().nullable(),
    updated_at: z.coerce.date(),
    attempts: z.coerce.number().nullable(),
  })
  .transform(
    (row): AlertFiringRecord => ({
      ruleId: row.rule_id,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      value: row.value,
      status: row.status,
      reason: row.reason,
      messageTs: row.message_ts,
      claimedBy: row.claimed_by,
      claimedUntil: row.claimed_until,
      updatedAt: row.updated_at,
      attempts: row.attempts ?? 0,
    }),
  );
const FIRING_COLUMNS =
  'rule_id, period_start, period_end, value, status, reason, message_ts, claimed_by, claimed_until, updated_at, attempts';

export interface AlertRepositoryOptions {
  now: () => Date;
  /** Injected so tests can force collisions; defaults to a random 5-character id. */
  newId?: () => string;
}

export function createAlertRepository(db: SqlExecutor, options: AlertRepositoryOptions): AlertStore {
  const newId = options.newId ?? (() => shortId());
  const rule = (row: Record<string, unknown> | undefined) => parseRow(ruleRow, row, 'alert_rules');
  const firing = (row: Record<string, unknown> | undefined) => parseRow(firingRow, row, 'alert_firings');

  return {
    create: (input: NewAlertRule) =>
      insertWithFreshId(newId, 'alert', async (id) => {
        const rows = await db.query(
          `INSERT INTO alert_rules (id, team_id, owner_user_id, spec, destination, created_at, muted)
           VALUES ($1, $2, $3, $4, $5, $6, false)
           ON CONFLICT (id) DO NOTHING
           RETURNING ${RULE_COLUMNS}`,
          [
            id,
            input.teamId,
            input.ownerUserId,
            JSON.stringify(input.spec),
            JSON.stringify(input.destination),
            options.now(),
          ],
        );
        return rows.length > 0 ? rule(rows[0]) : undefined;
      }),

    async get(id) {
      const rows = await db.query(
        `SELECT ${RULE_COLUMNS} FROM alert_rules WHERE id = $1 AND removed_at IS NULL`,
        [normalizeShortId(id)],
      );
      return rows.length > 0 ? rule(rows[0]) : null;
    },

    async list(teamId) {
      const rows =
        teamId === undefined
          ? await db.query(
              `SELECT ${RULE_COLUMNS} FROM alert_rules WHERE removed_at IS NULL ORDER BY created_at, id`,
            )
          : await db.query(
              `SELECT ${RULE_COLUMNS} FROM alert_rules WHERE team_id = $1 AND removed_at IS NULL ORDER BY created_at, id`,
              [teamId],
            );
      return rows.map(rule);
    },

    async remove(id) {
      const rows = await db.query(
        'UPDATE alert_rules SET removed_at = $2 WHERE id = $1 AND removed_at IS NULL RETURNING id',
        [normalizeShortId(id), options.now()],
      );
      return rows.length > 0;
    },

    async snooze(id, until) {
      await db.query('UPDATE alert_rules SET snoozed_until = $2 WHERE id = $1 AND removed_at IS NULL', [
        normalizeShortId(id),
        until,
      ]);
    },

    async setMuted(id, muted) {
      await db.query('UPDATE alert_rules SET muted = $2 WHERE id = $1 AND removed_at IS NULL', [
        normalizeShortId(id),
        muted,
      ]);
    },

    async claimFiring({ ruleId, periodStart, periodEnd, value, workerId, now, leaseMs }) {
      if (!(leaseMs > 0))
        throw new CodexPulseError('store_query_failed', `leaseMs must be positive, got ${leaseMs}`);
      // One statement, atomic on both engines, as a digest delivery's claim (delivery-repository.ts): the
      // insert wins for the first claimer; a conflicting one takes over only a pending firing whose lease
      // has expired (a crashed replica). Finished firings are never claimed again.
      const rows = await db.query(
        `INSERT INTO alert_firings AS f
           (rule_id, period_start, period_end, value, status, claimed_by, claimed_until, updated_at, attempts)
         VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, 1)
         ON CONFLICT (rule_id, period_start) DO UPDATE
           SET claimed_by = EXCLUDED.claimed_by,
               attempts = COALESCE(f.attempts, 0) + 1,
               claimed_until = EXCLUDED.claimed_until,
               value = EXCLUDED.value,
               updated_at = EXCLUDED.updated_at
           WHERE f.status = 'pending' AND (f.claimed_until IS NULL OR f.claimed_until < $7)
         RETURNING ${FIRING_COLUMNS}`,
        [ruleId, periodStart, periodEnd, value, workerId, new Date(now.getTime() + leaseMs), now],
      );
      return rows.length > 0 ? firing(rows[0]) : null;
    },

    async finishFiring(key, workerId, end) {
      const rows = await db.query(
        `UPDATE alert_firings SET status = $4, message_ts = $5, reason = $6, claimed_by = NULL,
           claimed_until = NULL, updated_at = $7
         WHERE rule_id = $1 AND period_start = $2 AND status = 'pending' AND claimed_by = $3
         RETURNING rule_id`,
        [
          key.ruleId,
          key.periodStart,
          workerId,
          end.status,
          end.messageTs ?? null,
          end.reason ?? null,
          options.now(),
        ],
      );
      if (rows.length === 0) {
        throw new CodexPulseError(
          'store_claim_lost',
          `Alert firing ${key.ruleId}@${key.periodStart} is not held by ${workerId} any more`,
        );
      }
    },

    async firings(ruleId, limit) {
      const rows = await db.query(
        `SELECT ${FIRING_COLUMNS} FROM alert_firings WHERE rule_id = $1 ORDER BY period_start DESC LIMIT $2`,
        [normalizeShortId(ruleId), limit],
      );
      return rows.map(firing);
    },
  };
}
