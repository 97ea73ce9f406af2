/**
 * `/codex budget …` (issue 13 §3). Everyone sees the budgets and their forecasts (aggregates only);
 * admins set and remove them. The daily amounts come from the same warehouse series as alerts.
 */
import { buildBudgetReport } from '../reports/alerts/budget-report.js';
import { escapeMrkdwn } from '../reports/blocks/escape-mrkdwn.js';
import { formatCredits, formatUsdEstimate } from '../reports/blocks/format.js';
import { budgetStatus, monthOf } from '../src/analytics/budget-status.js';
import { unknownTeamText } from './alert-command.js';
import type { BudgetRequest } from './args/parsed-command.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { noteReply } from './note-message.js';

const adminOnlyText =
  'Only Codex Pulse admins (ADMIN_USER_IDS / ADMIN_USERGROUP_ID) can set and remove budgets. `/codex budget` shows them.';
const unavailableText =
  'Budgets need the usage warehouse and the store, and this process has not opened both.';

export async function runBudget(
  parsed: BudgetRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  const alerts = deps.alerts;
  const budgets = alerts?.budgets;
  if (alerts === undefined || budgets === undefined) return noteReply(unavailableText);
  if (parsed.action !== 'status' && !invocation.isAdmin) return noteReply(adminOnlyText);
  const scope = (team: string | null) => (team === null ? 'the workspace' : `team ${escapeMrkdwn(team)}`);
  switch (parsed.action) {
    case 'set': {
      if (parsed.team !== null && !(await alerts.history.knownTeam(parsed.team))) {
        return noteReply(unknownTeamText(parsed.team));
      }
      const budget = await budgets.set({
        teamId: invocation.teamId,
        team: parsed.team,
        amount: parsed.amount,
        unit: parsed.unit,
        ownerUserId: invocation.userId,
      });
      const amount =
        budget.unit === 'usd' ? formatUsdEstimate(budget.amount) : `${formatCredits(budget.amount)} credits`;
      return noteReply(
        `Set the monthly budget of ${scope(budget.team)} to ${amount}. \`/codex budget\` shows its forecast.`,
      );
    }
    case 'remove': {
      const removed = await budgets.remove(invocation.teamId, parsed.team);
      return noteReply(
        removed ? `Removed the budget of ${scope(parsed.team)}.` : `${scope(parsed.team)} has no budget.`,
      );
    }
    case 'status': {
      const month = monthOf(invocation.now);
      const list = await budgets.list(invocation.teamId);
      const lines = await Promise.all(
        list.map((budget) => budgetStatus(alerts.history, budget, invocation.now)),
      );
      const freshness =
        lines[0]?.freshness ??
        (await alerts.history.series('credits', { kind: 'workspace' }, 'day')).freshness;
      const message = buildBudgetReport({ month, lines, freshness });
      return { kind: 'message', message, visibility: 'ephemeral', audience: 'channel', shareable: true };
    }
  }
}
