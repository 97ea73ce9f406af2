/**
 * Mutable running sums of usage metrics, used inside the single-pass aggregations (no object
 * spreading per row). Token sums follow one rule everywhere: **null = unknown, never 0** — a sum is
 * null only when none of its contributing values was known; otherwise it is the sum of the known
 * values (a lower bound when some were unknown, which the API does for a few rows at most).
 */
import type { UsageMetrics } from '../codex/schemas.js';
import { type Surface, surfaces } from '../domain/surfaces.js';
import type { UsageFigures } from './figure-types.js';

/** The metric fields shared by `totals`, `clients[]` and `models[]` items. */
export type Metrics = Pick<
  UsageMetrics,
  | 'threads'
  | 'turns'
  | 'credits'
  | 'cost_usd'
  | 'estimated_cost_usd'
  | 'uncached_text_input_tokens'
  | 'cached_text_input_tokens'
  | 'text_output_tokens'
  | 'text_total_tokens'
>;

export interface UsageAccumulator {
  threads: number;
  turns: number;
  credits: number;
  costUsd: number | null;
  estimatedCostUsd: number | null;
  usd: number | null;
  uncachedInput: number | null;
  cachedInput: number | null;
  output: number | null;
  total: number | null;
}

/** Activity as the contract defines it: threads, turns or credits above zero. */
export function isActive(metrics: Pick<Metrics, 'threads' | 'turns' | 'credits'>): boolean {
  return metrics.threads > 0 || metrics.turns > 0 || metrics.credits > 0;
}

export function createUsageAccumulator(): UsageAccumulator {
  return {
    threads: 0,
    turns: 0,
    credits: 0,
    costUsd: null,
    estimatedCostUsd: null,
    usd: null,
    uncachedInput: null,
    cachedInput: null,
    output: null,
    total: null,
  };
}

/** One accumulator per surface. */
export function createSurfaceAccumulators(): Record<Surface, UsageAccumulator> {
  const record = {} as Record<Surface, UsageAccumulator>;
  for (const surface of surfaces) record[surface] = createUsageAccumulator();
  return record;
}

/** Null-aware addition: unknown + unknown stays unknown, unknown + known is the known value. */
export function addKnown(sum: number | null, value: number | null): number | null {
  if (value === null) return sum;
  return sum === null ? value : sum + value;
}

export function addMetrics(acc: UsageAccumulator, m: Metrics): void {
  acc.threads += m.threads;
  acc.turns += m.turns;
  acc.credits += m.credits;
  acc.costUsd = addKnown(acc.costUsd, m.cost_usd);
  acc.estimatedCostUsd = addKnown(acc.estimatedCostUsd, m.estimated_cost_usd);
  // Billed USD when the API gives it, else its estimate: never both for one item (no double count).
  acc.usd = addKnown(acc.usd, m.cost_usd ?? m.estimated_cost_usd);
  acc.uncachedInput = addKnown(acc.uncachedInput, m.uncached_text_input_tokens);
  acc.cachedInput = addKnown(acc.cachedInput, m.cached_text_input_tokens);
  acc.output = addKnown(acc.output, m.text_output_tokens);
  acc.total = addKnown(acc.total, m.text_total_tokens);
}

/** Adds one accumulator into another (bucket sums → window sums). */
export function mergeInto(acc: UsageAccumulator, other: UsageAccumulator): void {
  acc.threads += other.threads;
  acc.turns += other.turns;
  acc.credits += other.credits;
  acc.costUsd = addKnown(acc.costUsd, other.costUsd);
  acc.estimatedCostUsd = addKnown(acc.estimatedCostUsd, other.estimatedCostUsd);
  acc.usd = addKnown(acc.usd, other.usd);
  acc.uncachedInput = addKnown(acc.uncachedInput, other.uncachedInput);
  acc.cachedInput = addKnown(acc.cachedInput, other.cachedInput);
  acc.output = addKnown(acc.output, other.output);
  acc.total = addKnown(acc.total, other.total);
}

export function toUsageFigures(acc: UsageAccumulator): UsageFigures {
  return {
    threads: acc.threads,
    turns: acc.turns,
    credits: acc.credits,
    tokens: {
      uncachedInput: acc.uncachedInput,
      cachedInput: acc.cachedInput,
      output: acc.output,
      total: acc.total,
    },
    cost: { costUsd: acc.costUsd, estimatedCostUsd: acc.estimatedCostUsd, usd: acc.usd },
  };
}

export function toSurfaceFigures(record: Record<Surface, UsageAccumulator>): Record<Surface, UsageFigures> {
  const figures = {} as Record<Surface, UsageFigures>;
  for (const surface of surfaces) figures[surface] = toUsageFigures(record[surface]);
  return figures;
}
