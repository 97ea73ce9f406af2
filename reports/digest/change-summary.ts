import type { Delta, KpiDeltas } from '../../src/figures/figure-types.js';
import {
  type DeltaKind,
  deltaValues,
  formatChangeRatio,
  formatCredits,
  formatNumber,
  formatPercent,
} from '../blocks/format.js';

function value(n: number, kind: DeltaKind): string {
  if (kind === 'share') return formatPercent(n);
  return kind === 'credits' ? formatCredits(n) : formatNumber(n);
}

/** One clause from a fixed template: "credits fell 3% to 12.3k". Never a claim the numbers do not make. */
function clause(name: string, delta: Delta, kind: DeltaKind, suffix = ''): string {
  if (delta.current === null) return `${name} are unknown`;
  const now = value(delta.current, kind);
  if (delta.change === null || delta.previous === null)
    return `${name} came to ${now} (no earlier week to compare)`;
  // A share change below 0.1 pt would read "fell 0 pts": it is as steady as the numbers can show.
  if (delta.change === 0 || (kind === 'share' && Math.round(Math.abs(delta.change) * 1000) === 0))
    return `${name} held steady${suffix} at ${now}`;
  const verb = delta.change > 0 ? 'rose' : 'fell';
  if (kind === 'share') {
    const points = Math.round(Math.abs(delta.change) * 1000) / 10;
    return `${name} ${verb} ${points} ${points === 1 ? 'pt' : 'pts'}${suffix} to ${now}`;
  }
  // In full when the compact form would hide the change ("rose <0.1% to 49,960", not "to 50k").
  const shown = deltaValues(delta, kind);
  if (delta.ratio === null) return `${name} ${verb}${suffix} from ${shown.previous} to ${shown.current}`;
  return `${name} ${verb} ${formatChangeRatio(delta.ratio)}${suffix} to ${shown.current}`;
}

/**
 * The digest's opening sentence, computed from the week-over-week deltas with a fixed template:
 * "Active users rose 12% week over week to 461; credits fell 3% to 12.3k; …". Deterministic, aggregate
 * only, so it is safe for the leadership digest.
 */
export function describeChanges(deltas: KpiDeltas): string {
  // "Active users held steady at 0; credits held steady at 0; …" said nothing four times over.
  const counts = [deltas.activeUsers, deltas.credits, deltas.threads, deltas.prsReviewed];
  if (counts.every((d) => d.current === 0 && d.previous === 0))
    return 'No Codex activity this week or the week before.';
  const first = clause('Active users', deltas.activeUsers, 'count', ' week over week');
  const rest = [
    clause('credits', deltas.credits, 'credits'),
    clause('threads', deltas.threads, 'count'),
    clause('PRs reviewed by Codex', deltas.prsReviewed, 'count'),
    deltas.positiveShare.current === null
      ? 'no review reactions to rate'
      : clause('the positive share of review reactions', deltas.positiveShare, 'share'),
  ];
  return `${[first, ...rest].join('; ')}.`;
}
