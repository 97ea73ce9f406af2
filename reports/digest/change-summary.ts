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

/** How the summary names its comparison: "week over week" against "week", and so on. */
export interface ChangeWords {
  /** "week over week", "month over month", "year over year". */
  over: string;
  /** The compared unit: "week", "month", "quarter", "year". */
  unit: string;
  /** The two periods when nothing happened in either: "this week or the week before". */
  both: string;
}

const weekWords: ChangeWords = { over: 'week over week', unit: 'week', both: 'this week or the week before' };

/** One clause from a fixed template: "credits fell 3% to 12.3k". Never a claim the numbers do not make. */
function clause(name: string, delta: Delta, kind: DeltaKind, unit: string, suffix = ''): string {
  if (delta.current === null) return `${name} are unknown`;
  const now = value(delta.current, kind);
  if (delta.change === null || delta.previous === null)
    return `${name} came to ${now} (no earlier ${unit} to compare)`;
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
export function describeChanges(deltas: KpiDeltas, words: ChangeWords = weekWords): string {
  // "Active users held steady at 0; credits held steady at 0; …" said nothing four times over.
  const counts = [deltas.activeUsers, deltas.credits, deltas.threads, deltas.prsReviewed];
  if (counts.every((d) => d.current === 0 && d.previous === 0)) return `No Codex activity ${words.both}.`;
  const first = clause('Active users', deltas.activeUsers, 'count', words.unit, ` ${words.over}`);
  const rest = [
    clause('credits', deltas.credits, 'credits', words.unit),
    clause('threads', deltas.threads, 'count', words.unit),
    clause('PRs reviewed by Codex', deltas.prsReviewed, 'count', words.unit),
    deltas.positiveShare.current === null
      ? 'no review reactions to rate'
      : clause('the positive share of review reactions', deltas.positiveShare, 'share', words.unit),
  ];
  return `${[first, ...rest].join('; ')}.`;
}
