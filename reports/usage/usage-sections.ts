/** Text pieces about adoption and usage, shared by the usage report and both digests. */
import { surfaceLabels, surfaces } from '../../src/domain/surfaces.js';
import type { AdoptionFigures, UsageBreakdown, UsageFigures } from '../../src/figures/figure-types.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import {
  formatCredits,
  formatInteger,
  formatNumber,
  formatPercent,
  formatTokens,
  formatUsdEstimate,
  formatWindow,
} from '../blocks/format.js';
import { moreLine } from '../blocks/line-sections.js';

/** True when the window shows any activity at all (drives "no activity" wording and chart omission). */
export function hasUsage(usage: UsageBreakdown): boolean {
  return usage.totals.threads > 0 || usage.totals.turns > 0 || usage.totals.credits > 0;
}

/**
 * "1,234 threads · 9,876 turns · 12.3k credits · 2.6M tokens · ≈ $1,234 est."; unknown tokens read
 * "— tokens"; USD only where the API gave any (USD-billed usage has null credits and a cost_usd).
 */
function usageSummary(f: UsageFigures): string {
  return [
    `${formatNumber(f.threads)} threads`,
    `${formatNumber(f.turns)} turns`,
    `${formatCredits(f.credits)} credits`,
    `${formatTokens(f.tokens.total)} tokens`,
    ...(f.cost.usd === null ? [] : [formatUsdEstimate(f.cost.usd)]),
  ].join(' · ');
}

/** Active users overall and per surface, with each surface's share of the distinct total. */
export function adoptionLines(adoption: AdoptionFigures): string[] {
  const title = `*Active users by surface* · ${formatWindow(adoption.window)}`;
  if (adoption.activeUsers === 0) return [title, 'No active Codex users in this window.'];
  const active = surfaces.filter((s) => adoption.bySurface[s] > 0);
  // The caveat only matters when someone can appear under two surfaces; "1 distinct active users" read wrong.
  const headcount =
    adoption.activeUsers === 1
      ? '*1* active user'
      : `*${formatInteger(adoption.activeUsers)}* distinct active users${active.length > 1 ? ' (someone on two surfaces counts once here, once per surface below)' : ''}`;
  return [
    title,
    headcount,
    ...active.map(
      (s) =>
        `• ${surfaceLabels[s]} — ${formatInteger(adoption.bySurface[s])} (${formatPercent(adoption.bySurface[s] / adoption.activeUsers)})`,
    ),
  ];
}

/** Threads, turns, credits and tokens in total and per surface with any activity. */
export function usageLines(usage: UsageBreakdown): string[] {
  const title = `*Threads, turns, credits and tokens by surface* · ${formatWindow(usage.window)}`;
  if (!hasUsage(usage)) return [title, 'No Codex usage in this window.'];
  const active = surfaces.filter((s) => {
    const f = usage.bySurface[s];
    return f.threads > 0 || f.turns > 0 || f.credits > 0;
  });
  return [
    title,
    `• *All surfaces* — ${usageSummary(usage.totals)}`,
    ...active.map((s) => `• ${surfaceLabels[s]} — ${usageSummary(usage.bySurface[s])}`),
  ];
}

/** The models that used the most credits (model names come from the API: escaped). */
export function modelLines(usage: UsageBreakdown, max = 5): string[] {
  if (usage.byModel.length === 0) return [];
  const shown = usage.byModel.slice(0, max).map((m) => {
    // The API reports models it does not name as one 'other' item: not a model called "other".
    const model = m.model === 'other' ? 'Other models' : m.model;
    const name = escapeMrkdwn(m.speed ? `${model} (${m.speed})` : model);
    const usd = m.figures.cost.usd === null ? '' : ` · ${formatUsdEstimate(m.figures.cost.usd)}`;
    return `• ${name} — ${formatCredits(m.figures.credits)} credits · ${formatTokens(m.figures.tokens.total)} tokens${usd}`;
  });
  const omitted = usage.byModel.length - shown.length;
  return ['*Top models by credits*', ...shown, ...(omitted > 0 ? [moreLine(omitted, 'model')] : [])];
}

/** Token detail: input (uncached, cached) and output, each "—" when the API did not report it. */
export function tokenLine(usage: UsageBreakdown): string {
  const t = usage.totals.tokens;
  return `Tokens: ${formatTokens(t.total)} total — ${formatTokens(t.uncachedInput)} uncached input, ${formatTokens(t.cachedInput)} cached input, ${formatTokens(t.output)} output`;
}
