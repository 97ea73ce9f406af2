import { z } from 'zod';
import type { WarehouseRoster } from './warehouse-roster.js';
import type { TableSpec, WarehouseSql } from './warehouse-sql.js';

const text = (name: string) => ({ name, type: 'text' as const });
const entriesTable: TableSpec = {
  name: 'roster_entries',
  columns: [
    { name: 'entry_index', type: 'bigint' },
    text('email'),
    text('team'),
    text('manager'),
    text('cost_centre'),
  ],
};

const uploadRow = z.object({
  uploaded_at_ms: z.coerce.number(),
  uploaded_by: z.string(),
  file_name: z.string(),
});
const entryRow = z.object({
  email: z.string(),
  team: z.string(),
  manager: z.string().nullable(),
  cost_centre: z.string().nullable(),
});

/** The uploaded roster (warehouse-roster.ts) on `sql`: both engines run these statements unchanged. */
export function createWarehouseRoster(sql: WarehouseSql): WarehouseRoster {
  return {
    async replace(roster) {
      await sql.transaction(async (tx) => {
        await tx.query('DELETE FROM roster_entries');
        await tx.query('DELETE FROM roster_uploads');
        await tx.query(
          'INSERT INTO roster_uploads (uploaded_at_ms, uploaded_by, file_name) VALUES ($1, $2, $3)',
          [roster.uploadedAt.getTime(), roster.uploadedBy, roster.fileName],
        );
        if (roster.entries.length > 0) {
          await tx.insert(
            entriesTable,
            roster.entries.map((e, i) => [i, e.email, e.team, e.manager, e.costCentre]),
          );
        }
      });
    },

    async current() {
      // One transaction: a replace between the two reads must not pair one upload with another's lines.
      return sql.transaction(async (tx) => {
        const [upload] = await tx.query('SELECT * FROM roster_uploads');
        if (upload === undefined) return null;
        const u = uploadRow.parse(upload);
        const rows = await tx.query(
          'SELECT email, team, manager, cost_centre FROM roster_entries ORDER BY entry_index',
        );
        return {
          uploadedAt: new Date(u.uploaded_at_ms),
          uploadedBy: u.uploaded_by,
          fileName: u.file_name,
          entries: rows.map((row) => {
            const r = entryRow.parse(row);
            return { email: r.email, team: r.team, manager: r.manager, costCentre: r.cost_centre };
          }),
        };
      });
    },

    async remove() {
      return sql.transaction(async (tx) => {
        const removed = await tx.query('DELETE FROM roster_uploads RETURNING uploaded_by');
        await tx.query('DELETE FROM roster_entries');
        return removed.length > 0;
      });
    },
  };
}
