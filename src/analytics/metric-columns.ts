/**
 * The nine metrics figures read from a `totals`, `clients[]` or `models[]` item, as packed columns:
 * threads, turns, credits, `cost_usd`, `estimated_cost_usd` and the four text token counts (null =
 * unknown, kept as such). USD-billed rows carry `credits: null` and a `cost_usd`: dropping the cost
 * would read them as free (issue 9).
 */
import type { UsageMetrics } from '../codex/schemas.js';
import { PackedColumn } from './packed-column.js';

/** A metrics object with every field at its "nothing known" value, for reused views to fill. */
export function emptyMetrics(): UsageMetrics {
  return {
    threads: 0,
    turns: 0,
    credits: 0,
    cost_usd: null,
    estimated_cost_usd: null,
    uncached_text_input_tokens: null,
    cached_text_input_tokens: null,
    text_output_tokens: null,
    text_total_tokens: null,
  };
}

/** Columns for one kind of item (row totals, client items or model items). */
export class MetricColumns {
  private readonly threads: PackedColumn;
  private readonly turns: PackedColumn;
  private readonly credits: PackedColumn;
  private readonly costUsd: PackedColumn;
  private readonly estimatedCostUsd: PackedColumn;
  private readonly uncached: PackedColumn;
  private readonly cached: PackedColumn;
  private readonly output: PackedColumn;
  private readonly total: PackedColumn;
  private readonly all: PackedColumn[];

  constructor() {
    this.threads = new PackedColumn(1);
    this.turns = new PackedColumn(1);
    this.credits = new PackedColumn(100);
    this.costUsd = new PackedColumn(100);
    this.estimatedCostUsd = new PackedColumn(100);
    this.uncached = new PackedColumn(1);
    this.cached = new PackedColumn(1);
    this.output = new PackedColumn(1);
    this.total = new PackedColumn(1);
    this.all = [
      this.threads,
      this.turns,
      this.credits,
      this.costUsd,
      this.estimatedCostUsd,
      this.uncached,
      this.cached,
      this.output,
      this.total,
    ];
  }

  set(index: number, m: UsageMetrics): void {
    this.threads.set(index, m.threads);
    this.turns.set(index, m.turns);
    this.credits.set(index, m.credits);
    this.costUsd.set(index, m.cost_usd);
    this.estimatedCostUsd.set(index, m.estimated_cost_usd);
    this.uncached.set(index, m.uncached_text_input_tokens);
    this.cached.set(index, m.cached_text_input_tokens);
    this.output.set(index, m.text_output_tokens);
    this.total.set(index, m.text_total_tokens);
  }

  /** Copies entry `index` into `out` (a reused object). */
  fill(index: number, out: UsageMetrics): void {
    out.threads = this.threads.count(index);
    out.turns = this.turns.count(index);
    out.credits = this.credits.count(index);
    out.cost_usd = this.costUsd.get(index);
    out.estimated_cost_usd = this.estimatedCostUsd.get(index);
    out.uncached_text_input_tokens = this.uncached.get(index);
    out.cached_text_input_tokens = this.cached.get(index);
    out.text_output_tokens = this.output.get(index);
    out.text_total_tokens = this.total.get(index);
  }

  get byteLength(): number {
    return this.all.reduce((sum, column) => sum + column.byteLength, 0);
  }
}
