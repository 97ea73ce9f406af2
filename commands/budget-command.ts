/**
 * `/codex budget …` (issue 13 §3). Everyone sees the budgets and their forecasts (aggregates only);
 * admins set and remove them. The daily amounts come from the same warehouse series as alerts.
 */
import { buildBudgetReport } from '../reports/alerts/budget-report.js';
import { escapeMrkdwn } from '../reports/blocks/escape-mrkdwn.js';
import { formatCredits, formatUsdEstimate } from '../reports/blocks/format.js';
import { DAY_SECONDS, startOfUtcDay, toUnixSeconds } from '../src/domain/utc-days.js';
import { addMonths, startOfUtcMonth } from '../src/domain/utc-months.js';
import { BASELINE_DAYS, forecastBudget } from '../src/figures/budget-forecast.js';
import type { Budget } from '../src/store/alert-store-types.js';
import type { BudgetRequest } from './args/parsed-command.js';
import type { AlertDeps, CommandDeps } from './command-deps.js';
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
      const now = toUnixSeconds(invocation.now);
      const month = { start: startOfUtcMonth(now), end: addMonths(startOfUtcMonth(now), 1) };
      const list = await budgets.list(invocation.teamId);
      const lines = await Promise.all(list.map((budget) => lineFor(alerts, budget, month)));
      const freshness =
        lines[0]?.freshness ??
        (await alerts.history.series('credits', { kind: 'workspace' }, 'day')).freshness;
      const message = buildBudgetReport({ month, lines, freshness });
      return { kind: 'message', message, visibility: 'ephemeral', audience: 'channel', shareable: true };
    }
  }
}

/** A budget's month: its closed days and the BASELINE_DAYS before, from the warehouse's daily series. */
async function lineFor(alerts: AlertDeps, budget: Budget, month: { start: number; end: number }) {
  const scope =
    budget.team === null ? ({ kind: 'workspace' } as const) : ({ kind: 'team', team: budget.team } as const);
  const history = await alerts.history.series(budget.unit === 'usd' ? 'usd' : 'credits', scope, 'day');
  const closed = history.periods.filter((p) => !p.provisional);
  const closedThrough =
    closed.length === 0 ? startOfUtcDay(month.start) : (closed.at(-1)?.end ?? month.start);
  const from = Math.min(month.start, closedThrough) - BASELINE_DAYS * DAY_SECONDS;
  const daily = closed
    .filter((p) => p.start >= from && p.value !== null)
    .map((p) => ({ day: p.start, amount: p.value ?? 0 }));
  const forecast = forecastBudget({ month, closedThrough, daily, budget: budget.amount });
  return { budget, forecast, freshness: history.freshness };
}
