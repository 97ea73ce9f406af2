import type { AdoptionFigures, Freshness, UsageBreakdown } from '../../src/figures/figure-types.js';
import { fields, header, section } from '../blocks/block-helpers.js';
import {
  formatCount,
  formatCredits,
  formatInteger,
  formatNumber,
  formatTokens,
  formatWindow,
} from '../blocks/format.js';
import { linesToSections } from '../blocks/line-sections.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { buildAdoptionChart } from '../charts/adoption-chart.js';
import { finishReport } from '../limits/finish-report.js';
import { adoptionLines, hasUsage, modelLines, tokenLine, usageLines } from './usage-sections.js';

/** What the usage report shows: adoption (active users) and usage (threads, turns, credits, tokens). */
export interface UsageReportFigures {
  adoption: AdoptionFigures;
  usage: UsageBreakdown;
}

/** Options of {@link buildUsageReport}. */
export interface UsageReportOptions {
  freshness: Freshness;
  /** Header text; default "Codex usage · <window>". */
  title?: string;
  /** Models listed; default 5. */
  maxModels?: number;
}

/**
 * Adoption and usage in one message: headline numbers, active users by surface, threads/turns/credits/
 * tokens by surface, top models, and the adoption-by-surface chart (omitted when nobody was active).
 */
export function buildUsageReport(figures: UsageReportFigures, options: UsageReportOptions): ReportMessage {
  const { adoption, usage } = figures;
  const window = formatWindow(usage.window);
  const t = usage.totals;
  // Nothing at all: one sentence, not three sections that each say "none" in their own words.
  const empty = !hasUsage(usage) && adoption.activeUsers === 0;
  const blocks = [
    header(options.title ?? `Codex usage · ${window}`),
    fields([
      `*Active users*\n${formatInteger(adoption.activeUsers)}`,
      `*Threads*\n${formatNumber(t.threads)}`,
      `*Turns*\n${formatNumber(t.turns)}`,
      `*Credits*\n${formatCredits(t.credits)}`,
      `*Tokens*\n${formatTokens(t.tokens.total)}`,
    ]),
    ...(empty
      ? []
      : [
          ...linesToSections(adoptionLines(adoption)),
          ...linesToSections([...usageLines(usage), ...(hasUsage(usage) ? [tokenLine(usage)] : [])]),
          ...linesToSections(modelLines(usage, options.maxModels ?? 5)),
        ]),
  ];
  if (empty) blocks.splice(1, 1, section('No Codex activity in this window.'));
  return finishReport({
    text: `Codex usage, ${window}: ${formatCount(adoption.activeUsers, 'active user')}, ${formatCount(t.threads, 'thread')}, ${formatCredits(t.credits)} credits.`,
    blocks,
    charts: adoption.activeUsers > 0 ? [buildAdoptionChart(adoption)] : [],
    window: usage.window,
    freshness: options.freshness,
  });
}
