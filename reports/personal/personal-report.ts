import type { PersonalView } from '../../src/analytics/workspace-analytics.js';
import { surfaceLabels } from '../../src/domain/surfaces.js';
import { fields, header, section } from '../blocks/block-helpers.js';
import {
  formatCredits,
  formatInteger,
  formatNumber,
  formatPercent,
  formatTokens,
  formatWindow,
  unknownValue,
} from '../blocks/format.js';
import { linesToSections } from '../blocks/line-sections.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { buildCreditsChart } from '../charts/credits-chart.js';
import { finishReport } from '../limits/finish-report.js';
import { hasUsage, modelLines, usageLines } from '../usage/usage-sections.js';

/** Options of {@link buildPersonalReport}. */
export interface PersonalReportOptions {
  /** Header text; default "Your Codex usage · <window>". */
  title?: string;
  /** Models listed; default 3. */
  maxModels?: number;
}

/** "#12 of 431 active users", or "—" when the workspace had nobody to rank against. */
export function rankText(rank: number, totalUsers: number): string {
  if (totalUsers <= 0 || rank <= 0) return '—';
  return `#${formatInteger(rank)} of ${formatInteger(totalUsers)} active ${totalUsers === 1 ? 'user' : 'users'}`;
}

function streakText(days: number): string {
  if (days <= 0) return 'No current streak';
  return `${formatInteger(days)} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * `/codex me`: the caller's own credits, share of the workspace's credits, threads, turns, tokens,
 * streak and rank by credits, the surfaces they used, their top models and their credits chart. It
 * names nobody — not even the caller, who knows who they are — so the message holds no label or email,
 * and it compares them only to workspace totals. Always sent to the caller alone (the command decides).
 */
export function buildPersonalReport(view: PersonalView, options: PersonalReportOptions = {}): ReportMessage {
  const { user, usage } = view;
  const window = formatWindow(usage.window);
  const rank = rankText(view.rank, view.totalUsers);
  // With nobody active the workspace used no credits: a share of nothing is unknown, not "0%".
  const share = view.totalUsers > 0 ? formatPercent(user.creditShare) : unknownValue;
  const ofWorkspace = view.totalUsers > 0 ? ` (${share} of the workspace)` : '';
  const surfaces =
    user.surfaces.length === 0 ? 'none' : user.surfaces.map((s) => surfaceLabels[s]).join(', ');
  const blocks = [
    header(options.title ?? `Your Codex usage · ${window}`),
    fields([
      `*Credits*\n${formatCredits(user.credits)}`,
      `*Share of workspace credits*\n${share}`,
      `*Threads*\n${formatNumber(user.threads)}`,
      `*Turns*\n${formatNumber(user.turns)}`,
      `*Tokens*\n${formatTokens(user.tokens)}`,
      `*Current streak*\n${streakText(user.streak)}`,
      `*Rank by credits*\n${rank}`,
      `*Your surfaces*\n${surfaces}`,
    ]),
    ...(hasUsage(usage)
      ? [...linesToSections(usageLines(usage)), ...linesToSections(modelLines(usage, options.maxModels ?? 3))]
      : [section('You had no Codex activity in this window.')]),
  ];
  return finishReport({
    text: `Your Codex usage, ${window}: ${formatCredits(user.credits)} credits${ofWorkspace}, ${formatNumber(user.threads)} threads, rank ${rank}.`,
    blocks,
    charts: hasUsage(usage) ? [buildCreditsChart(usage)] : [],
    window: usage.window,
    freshness: view.freshness,
  });
}
