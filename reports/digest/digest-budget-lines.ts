/**
 * The digest's budget status lines (issue 13 §3): one line per live budget, e.g. "Budget: 41,200 of
 * 60,000 credits (69%) spent by Sun 6 Dec · forecast 58,900 by month end (under)". Spent counts the
 * month's closed days only, as `/codex budget` does, so the line names the last of them.
 */
import type { DigestBudgetLine } from '../../src/figures/figure-types.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import { formatDate, formatInteger, formatPercent } from '../blocks/format.js';

const DAY_SECONDS = 86_400;

/** "41,200" for credits, "$4,120" for USD (whole units: a status line, not an invoice). */
function amount(line: DigestBudgetLine, value: number): string {
  const whole = formatInteger(Math.round(value));
  return line.unit === 'usd' ? `$${whole}` : whole;
}

export function digestBudgetLine(line: DigestBudgetLine): string {
  const { forecast } = line;
  const who = line.team === null ? 'Budget' : `Budget of team ${escapeMrkdwn(line.team)}`;
  const unit = line.unit === 'usd' ? ' est.' : ' credits';
  // The last closed day of the month; none closed yet (the 1st) reads "so far".
  const lastClosed = line.month.start + (forecast.closedDays - 1) * DAY_SECONDS;
  const by = forecast.closedDays > 0 ? `by ${formatDate(lastClosed)}` : 'so far';
  const spent = `${amount(line, forecast.spent)} of ${amount(line, line.amount)}${unit} (${formatPercent(forecast.spentShare)}) spent ${by}`;
  const projection =
    forecast.forecast === null
      ? 'too little history to forecast'
      : `forecast ${amount(line, forecast.forecast)} by month end (${forecast.forecast > line.amount ? 'over' : 'under'})`;
  return `${who}: ${spent} · ${projection}`;
}

/** Every budget's line, workspace first as given; empty when the digest carries none. */
export function digestBudgetLines(lines: readonly DigestBudgetLine[] | undefined): string[] {
  return (lines ?? []).map(digestBudgetLine);
}
