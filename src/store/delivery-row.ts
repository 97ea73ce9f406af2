import { z } from 'zod';
import { parseRow, type SqlRow } from './sql-executor.js';
import type { Delivery } from './store-types.js';

const deliveryRow = z
  .object({
    subscription_id: z.string(),
    // bigint: pg returns it as a string, the DuckDB executor as a number.
    period_start: z.coerce.number().int(),
    due_at: z.coerce.date(),
    status: z.enum(['pending', 'delivered', 'skipped', 'failed']),
    reason: z.string().nullable(),
    parent_ts: z.string().nullable(),
    posted_parts: z.coerce.number().int(),
    attempts: z.coerce.number().int(),
    claimed_by: z.string().nullable(),
    claimed_until: z.coerce.date().nullable(),
    updated_at: z.coerce.date(),
  })
  .transform(
    (row): Delivery => ({
      subscriptionId: row.subscription_id,
      periodStart: row.period_start,
      dueAt: row.due_at,
      status: row.status,
      reason: row.reason,
      parentTs: row.parent_ts,
      postedParts: row.posted_parts,
      attempts: row.attempts,
      claimedBy: row.claimed_by,
      claimedUntil: row.claimed_until,
      updatedAt: row.updated_at,
    }),
  );

/** The columns every delivery query returns, in the shape `parseDelivery` expects. */
export const COLUMNS = `subscription_id, period_start, due_at, status, reason, parent_ts, posted_parts, attempts,
  claimed_by, claimed_until, updated_at`;

/** A `deliveries` row → the contract's Delivery, validated. */
export const parseDelivery = (row: SqlRow | undefined): Delivery => parseRow(deliveryRow, row, 'deliveries');
