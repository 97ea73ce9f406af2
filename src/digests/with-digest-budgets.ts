/**
 * The digest's figures with its budgets' status lines (issue 13 §3): the workspace's budget in every
 * digest of its Slack team, and a team's budget in that team's digest (a subscription scoped to a team
 * passes it). The figures are `/codex budget`'s own — budgetStatus over the closed days — so a digest
 * and the command never disagree. Budgets never stop a digest: when they fail, the line is left out.
 */
import type { AlertHistory } from '../analytics/alert-history.js';
import { budgetStatus } from '../analytics/budget-status.js';
import { errorCode } from '../errors.js';
import type { DigestBudgetLine, DigestFigures } from '../figures/figure-types.js';
import type { Logger } from '../logger.js';
import type { BudgetStore } from '../store/alert-store-types.js';
import type { Subscription } from '../store/store-types.js';

/** Where budgets and their daily amounts come from, where the composition wires them. */
export interface DigestBudgets {
  store: Pick<BudgetStore, 'list'>;
  history: AlertHistory;
  logger: Logger;
}

/** Whose digest: its Slack team, and its team (people) when the digest is scoped to one. */
export interface DigestAudience {
  teamId: string;
  team?: string | null;
}

/** A subscription's audience: a team digest (issue 12 §3) shows its team's budget too. */
export function budgetAudience(sub: Pick<Subscription, 'teamId' | 'team'>): DigestAudience {
  return { teamId: sub.teamId, team: sub.team?.name ?? null };
}

/** `@Platform` and `platform` name the same team. */
const teamKey = (team: string) => team.replace(/^[@#]/, '').toLowerCase();

export async function withDigestBudgets(
  figures: DigestFigures,
  budgets: DigestBudgets,
  audience: DigestAudience,
  now: Date,
): Promise<DigestFigures> {
  try {
    const team = audience.team ? teamKey(audience.team) : null;
    const live = (await budgets.store.list(audience.teamId)).filter(
      (b) => b.team === null || (team !== null && teamKey(b.team) === team),
    );
    if (live.length === 0) return figures;
    const lines = await Promise.all(
      live.map(async (budget): Promise<DigestBudgetLine> => {
        const status = await budgetStatus(budgets.history, budget, now);
        return {
          team: budget.team,
          unit: budget.unit,
          amount: budget.amount,
          month: status.month,
          forecast: status.forecast,
        };
      }),
    );
    return { ...figures, budgets: lines };
  } catch (error) {
    budgets.logger.warn('digest: budget lines unavailable', { code: errorCode(error) });
    return figures;
  }
}
