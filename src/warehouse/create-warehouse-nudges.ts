import { z } from 'zod';
import type { WarehouseNudges } from './warehouse-nudges.js';
import type { WarehouseSql } from './warehouse-sql.js';

const userRow = z.object({ slack_user_id: z.string() });

/** The nudge record (warehouse-nudges.ts) on `sql`: both engines run these statements unchanged. */
export function createWarehouseNudges(sql: WarehouseSql): WarehouseNudges {
  return {
    async claim(claim, since) {
      // One statement: inserted, or updated only when the last nudge is older than `since` — the row
      // comes back only then, so of two concurrent claims exactly one sees it.
      const rows = await sql.query(
        `INSERT INTO team_nudges (slack_user_id, sent_at_ms, sent_by, status)
         VALUES ($1, $2, $3, 'claimed')
         ON CONFLICT (slack_user_id) DO UPDATE
           SET sent_at_ms = excluded.sent_at_ms, sent_by = excluded.sent_by, status = 'claimed'
           WHERE team_nudges.sent_at_ms <= $4
         RETURNING slack_user_id`,
        [claim.slackUserId, claim.at.getTime(), claim.sentBy, since.getTime()],
      );
      return rows.length === 1;
    },

    async markSent(slackUserId, at) {
      await sql.query(`UPDATE team_nudges SET status = 'sent' WHERE slack_user_id = $1 AND sent_at_ms = $2`, [
        slackUserId,
        at.getTime(),
      ]);
    },

    async release(slackUserId, at) {
      await sql.query(`DELETE FROM team_nudges WHERE slack_user_id = $1 AND sent_at_ms = $2`, [
        slackUserId,
        at.getTime(),
      ]);
    },

    async nudgedSince(since) {
      const rows = await sql.query('SELECT slack_user_id FROM team_nudges WHERE sent_at_ms > $1', [
        since.getTime(),
      ]);
      return new Set(rows.map((row) => userRow.parse(row).slack_user_id));
    },
  };
}
