/**
 * Budget alerts (issue 13 §3), judged with the rules after each sync: a budget's owner gets a DM when the
 * month's closed days pass 80 % and 100 % of it, and when its forecast first passes it — each once per
 * month, claimed like a rule's firing (the claim key is `budget:<id>:<event>` and the month's start) and
 * posted like one (post-firing-once.ts: a takeover looks for the dead holder's post first).
 */
import { buildBudgetAlertMessage } from '../../reports/alerts/budget-report.js';
import type { AlertHistory } from '../analytics/alert-history.js';
import { budgetStatus } from '../analytics/budget-status.js';
import type { Clock } from '../clock.js';
import { errorCode } from '../errors.js';
import type { BudgetForecast } from '../figures/budget-forecast.js';
import type { Logger } from '../logger.js';
import type { SlackClient } from '../slack-posting/slack-client.js';
import { slackErrorCode } from '../slack-posting/slack-error-code.js';
import type { AlertStore, BudgetStore } from '../store/alert-store-types.js';
import { postFiringOnce } from './post-firing-once.js';
import type { AlertRunSummary } from './run-alerts.js';

export type BudgetEvent = 'spent-80' | 'spent-100' | 'forecast-over';

/** The events a month's figures have reached, in the order they happen. */
export function budgetEvents(forecast: BudgetForecast): BudgetEvent[] {
  const events: BudgetEvent[] = [];
  if (forecast.forecastShare !== null && forecast.forecastShare > 1) events.push('forecast-over');
  if (forecast.spentShare >= 0.8) events.push('spent-80');
  if (forecast.spentShare >= 1) events.push('spent-100');
  return events;
}

export interface BudgetAlertDeps {
  budgets: BudgetStore;
  /** Where each (budget, event, month) is claimed once. */
  claims: AlertStore;
  history: AlertHistory;
  slack: SlackClient;
  clock: Clock;
  logger: Logger;
  workerId: string;
  leaseMs?: number;
}

export async function runBudgetAlerts(deps: BudgetAlertDeps): Promise<AlertRunSummary> {
  const summary: AlertRunSummary = { rules: 0, posted: 0, suppressed: 0, failed: 0 };
  for (const budget of await deps.budgets.list()) {
    summary.rules += 1;
    try {
      const status = await budgetStatus(deps.history, budget, deps.clock.now());
      for (const event of budgetEvents(status.forecast)) {
        const key = { ruleId: `budget:${budget.id}:${event}`, periodStart: status.month.start };
        const value = event === 'forecast-over' ? (status.forecast.forecast ?? 0) : status.forecast.spent;
        const claimed = await deps.claims.claimFiring({
          ...key,
          periodEnd: status.month.end,
          value,
          workerId: deps.workerId,
          now: deps.clock.now(),
          leaseMs: deps.leaseMs ?? 10 * 60_000,
        });
        if (claimed === null) continue;
        try {
          const opened = await deps.slack.conversations.open({ users: budget.ownerUserId });
          const channel = opened.channel?.id;
          if (!channel) throw new Error('conversations.open answered without a channel');
          const message = buildBudgetAlertMessage(status, event);
          const posted = await postFiringOnce(deps, {
            key,
            attempts: claimed.attempts,
            channel,
            message,
            oldest: status.month.start,
          });
          await deps.claims.finishFiring(key, deps.workerId, {
            status: 'posted',
            ...(posted.ts ? { messageTs: posted.ts } : {}),
          });
          summary.posted += 1;
        } catch (error) {
          const code = slackErrorCode(error) ?? errorCode(error);
          await deps.claims.finishFiring(key, deps.workerId, { status: 'failed', reason: code });
          summary.failed += 1;
          deps.logger.error('budget alert: posting failed', error, { code, budget: budget.id, event });
        }
      }
    } catch (error) {
      summary.failed += 1;
      deps.logger.error('budget alert: judging a budget failed', error, {
        code: errorCode(error),
        budget: budget.id,
      });
    }
  }
  return summary;
}
