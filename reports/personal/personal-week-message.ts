/**
 * The weekly personal DM (`/codex me subscribe`, issue 13 §4): the subscriber's last closed week — credits,
 * the USD estimate (labelled as one), threads, surfaces and rank — then one status line per budget of a
 * team they are in, and the Unsubscribe button. Pure: the figures in, the message out. Like `/codex me`
 * it names nobody: it goes to the subscriber alone.
 */
import type { PersonalView } from '../../src/analytics/workspace-analytics.js';
import { surfaceLabels } from '../../src/domain/surfaces.js';
import { type BudgetLine, budgetLine } from '../alerts/budget-report.js';
import { actions, button, context, fields, header, section } from '../blocks/block-helpers.js';
import {
  formatCredits,
  formatNumber,
  formatUsdEstimate,
  formatWindow,
  unknownValue,
} from '../blocks/format.js';
import { sourceNote } from '../blocks/report-footer.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { fitMessage } from '../limits/fit-message.js';
import { hasUsage } from '../usage/usage-sections.js';
import { rankText } from './personal-report.js';

/** The DM's Unsubscribe button: its action id, shared by the message and the listener (src/slack/). */
export const PERSONAL_UNSUBSCRIBE_ACTION_ID = 'codex_personal_unsubscribe';

export interface PersonalWeekInput {
  view: PersonalView;
  /** Budgets of the subscriber's teams, with the month they are for; empty when none. */
  budgets: ReadonlyArray<BudgetLine & { month: { start: number; end: number } }>;
  /** The subscription the button ends (its value). */
  subscriptionId: string;
}

export function buildPersonalWeekMessage(input: PersonalWeekInput): ReportMessage {
  const { view } = input;
  const { user, usage } = view;
  const week = formatWindow(usage.window);
  const usd = usage.totals.cost.usd;
  const usdText = usd === null ? unknownValue : formatUsdEstimate(usd);
  const rank = rankText(view.rank, view.totalUsers);
  const surfaces =
    user.surfaces.length === 0 ? 'none' : user.surfaces.map((s) => surfaceLabels[s]).join(', ');
  const budgetLines = input.budgets.map((line) => budgetLine(line, line.month.end));
  const blocks = [
    header(`Your Codex week · ${week}`),
    ...(hasUsage(usage) ? [] : [section('You had no Codex activity that week.')]),
    fields([
      `*Credits*\n${formatCredits(user.credits)}`,
      // The value says it is an estimate ("≈ $9.98 est."): the label does not say it twice.
      `*USD*\n${usdText}`,
      `*Threads*\n${formatNumber(user.threads)}`,
      `*Rank by credits*\n${rank}`,
      `*Your surfaces*\n${surfaces}`,
    ]),
    ...(budgetLines.length > 0 ? [section(`*Your teams' budgets*\n${budgetLines.join('\n')}`)] : []),
    actions([
      button({
        text: 'Unsubscribe',
        actionId: PERSONAL_UNSUBSCRIBE_ACTION_ID,
        value: input.subscriptionId,
      }),
    ]),
    context([
      'Your own figures, for you alone. USD is an estimate where the API gives none. `/codex me` shows any range; `/codex me subscribe <day> <HH:MM>` moves this DM.',
      sourceNote(view.freshness),
    ]),
  ];
  const budgetsText =
    budgetLines.length > 0 ? ` Budgets: ${budgetLines.join(' · ').replaceAll('*', '')}` : '';
  return fitMessage({
    text:
      `Your Codex week, ${week}: ${formatCredits(user.credits)} credits (${usdText}), ` +
      `${formatNumber(user.threads)} threads, rank ${rank}.${budgetsText}`,
    blocks,
    charts: [],
  });
}
