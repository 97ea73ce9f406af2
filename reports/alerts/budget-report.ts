/**
 * `/codex budget` (issue 13 §3): each monthly budget with what its closed days spent and the forecast to
 * the month's end, and the day the forecast passes it. Pure: budgets and their forecasts in.
 */
import type { BudgetForecast } from '../../src/figures/budget-forecast.js';
import type { Freshness } from '../../src/figures/figure-types.js';
import type { Budget } from '../../src/store/alert-store-types.js';
import { context, header, section } from '../blocks/block-helpers.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import {
  formatCredits,
  formatDate,
  formatMonthName,
  formatPercent,
  formatUsdEstimate,
} from '../blocks/format.js';
import { sourceNote } from '../blocks/report-footer.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { fitMessage } from '../limits/fit-message.js';

export interface BudgetLine {
  budget: Budget;
  forecast: BudgetForecast;
}

export interface BudgetReportInput {
  month: { start: number; end: number };
  lines: readonly BudgetLine[];
  freshness: Freshness;
}

const amountOf = (budget: Budget, value: number) =>
  budget.unit === 'usd' ? formatUsdEstimate(value) : `${formatCredits(value)} credits`;

/** One budget's status in mrkdwn. */
export function budgetLine({ budget, forecast }: BudgetLine, monthEnd: number): string {
  const who = budget.team === null ? 'Workspace' : `Team ${escapeMrkdwn(budget.team)}`;
  const spent = `${amountOf(budget, forecast.spent)} of ${amountOf(budget, budget.amount)} (${formatPercent(forecast.spentShare)}) spent`;
  const head = `*${who}* · ${spent}`;
  if (forecast.forecast === null || forecast.forecastShare === null) {
    return `${head}\n_Too little history to forecast the month yet._`;
  }
  const lastDay = formatDate(monthEnd - 86_400);
  const projection = `forecast ${amountOf(budget, forecast.forecast)} by ${lastDay} (${formatPercent(forecast.forecastShare)})`;
  const verdict =
    forecast.crossesOn === null
      ? ':white_check_mark: on track'
      : forecast.spent > budget.amount
        ? `:red_circle: over budget since ${formatDate(forecast.crossesOn)}`
        : `:warning: passes the budget on ${formatDate(forecast.crossesOn)}`;
  return `${head}; ${projection} — ${verdict}`;
}

export function buildBudgetReport(input: BudgetReportInput): ReportMessage {
  const title = `Codex budgets · ${formatMonthName(input.month.start)}`;
  if (input.lines.length === 0) {
    const none =
      'No budget set. An admin can set one: `/codex budget set 50000 credits` (or `usd`, or `team @group`).';
    return { text: `${title}: ${none}`, blocks: [header(title), section(none)], charts: [] };
  }
  const lines = input.lines.map((line) => budgetLine(line, input.month.end));
  return fitMessage({
    text: `${title}: ${lines.join(' · ').replaceAll('*', '')}`,
    blocks: [
      header(title),
      ...lines.map((line) => section(line)),
      context([
        'Spent: the closed days of the month. The rest is forecast at the mean weekday and weekend day of the 28 closed days before. USD is an estimate where the API gives none (CREDIT_PRICE_USD).',
        sourceNote(input.freshness),
      ]),
    ],
    charts: [],
  });
}

const eventWords = {
  'spent-80': 'has used 80% of its budget',
  'spent-100': 'has used its whole budget',
  'forecast-over': 'is forecast to pass its budget this month',
} as const;

/** A budget alert DM: what happened, then the budget's status line. */
export function buildBudgetAlertMessage(
  line: BudgetLine & { month: { start: number; end: number } },
  event: keyof typeof eventWords,
): ReportMessage {
  const who = line.budget.team === null ? 'The workspace' : `Team ${escapeMrkdwn(line.budget.team)}`;
  const headline = `:moneybag: ${who} ${eventWords[event]} for ${formatMonthName(line.month.start)}.`;
  const status = budgetLine(line, line.month.end);
  return fitMessage({
    text: `${headline} ${status.replaceAll('*', '')}`,
    blocks: [section(headline), section(status), context(['`/codex budget` shows every budget.'])],
    charts: [],
  });
}
