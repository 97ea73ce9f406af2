/**
 * Monthly budgets in SQL (issue 13, part 3), on both engines. One live budget per (Slack team, scope):
 * setting one removes the scope's previous budget in the same transaction. The workspace's scope is
 * stored as '' (a key column cannot be NULL in every engine's unique checks alike).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Budget, BudgetStore } from './alert-store-types.js';
import { parseRow, type SqlExecutor } from './sql-executor.js';

const budgetRow = z
  .object({
    id: z.string(),
    team_id: z.string(),
    scope: z.string(),
    amount: z.coerce.number(),
    unit: z.enum(['credits', 'usd']),
    owner_user_id: z.string(),
    created_at: z.coerce.date(),
  })
  .transform(
    (row): Budget => ({
      id: row.id,
      teamId: row.team_id,
      team: row.scope === '' ? null : row.scope,
      amount: row.amount,
      unit: row.unit,
      ownerUserId: row.owner_user_id,
      createdAt: row.created_at,
    }),
  );
const COLUMNS = 'id, team_id, scope, amount, unit, owner_user_id, created_at';

export function createBudgetRepository(db: SqlExecutor, options: { now: () => Date }): BudgetStore {
  const parse = (row: Record<string, unknown> | undefined) => parseRow(budgetRow, row, 'budgets');
  return {
    async set(input) {
      const now = options.now();
      return db.transaction(async (tx) => {
        await tx.query(
          'UPDATE budgets SET removed_at = $3 WHERE team_id = $1 AND scope = $2 AND removed_at IS NULL',
          [input.teamId, input.team ?? '', now],
        );
        const rows = await tx.query(
          `INSERT INTO budgets (id, team_id, scope, amount, unit, owner_user_id, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
          [randomUUID(), input.teamId, input.team ?? '', input.amount, input.unit, input.ownerUserId, now],
        );
        return parse(rows[0]);
      });
    },
    async list(teamId) {
      const rows =
        teamId === undefined
          ? await db.query(
              `SELECT ${COLUMNS} FROM budgets WHERE removed_at IS NULL ORDER BY team_id, scope, created_at`,
            )
          : await db.query(
              `SELECT ${COLUMNS} FROM budgets WHERE team_id = $1 AND removed_at IS NULL ORDER BY scope, created_at`,
              [teamId],
            );
      return rows.map(parse);
    },
    async remove(teamId, team) {
      const rows = await db.query(
        'UPDATE budgets SET removed_at = $3 WHERE team_id = $1 AND scope = $2 AND removed_at IS NULL RETURNING id',
        [teamId, team ?? '', options.now()],
      );
      return rows.length > 0;
    },
  };
}
