/**
 * The simulator's internal usage record: integers only (credits in hundredths), so week and workspace
 * aggregates are exact sums of their parts. `usage-json.ts` turns a record into the API's row shape.
 */

export interface Metrics {
  threads: number;
  turns: number;
  /** Credits × 100. */
  creditCents: number;
  uncached: number;
  cached: number;
  output: number;
  /** False when the token counts are unknown: they serialise as null, never 0. */
  tokensKnown: boolean;
}

export interface ClientMetrics extends Metrics {
  /** null → the item is serialised without a `client_id` key (real rows have such items). */
  clientId: string | null;
}

export interface ModelMetrics extends Metrics {
  model: string;
  speed: string | null;
}

export interface UsageRecord {
  totals: Metrics;
  clients: ClientMetrics[];
  models: ModelMetrics[];
  /** null when the API has no code attribution for the row. */
  attribution: { linesAdded: number; linesRemoved: number } | null;
}

/** All-zero metrics (tokens unknown until some known part is added). */
export function zeroMetrics(): Metrics {
  return { threads: 0, turns: 0, creditCents: 0, uncached: 0, cached: 0, output: 0, tokensKnown: false };
}

/** An empty record, the start of an aggregate. */
export function emptyRecord(): UsageRecord {
  return { totals: zeroMetrics(), clients: [], models: [], attribution: null };
}

/**
 * target += source. Unknown token counts are skipped rather than poisoning the sum: an aggregate's tokens
 * are known when any part is (the real API's own aggregates know what a single sparse row may not).
 */
export function addMetrics(target: Metrics, source: Metrics): void {
  target.threads += source.threads;
  target.turns += source.turns;
  target.creditCents += source.creditCents;
  if (source.tokensKnown) {
    target.uncached += source.uncached;
    target.cached += source.cached;
    target.output += source.output;
    target.tokensKnown = true;
  }
}

/** target += source, merging clients by client_id and models by (model, speed), in first-seen order. */
export function addRecord(target: UsageRecord, source: UsageRecord): void {
  addMetrics(target.totals, source.totals);
  for (const client of source.clients) {
    let into = target.clients.find((c) => c.clientId === client.clientId);
    if (!into) {
      into = { clientId: client.clientId, ...zeroMetrics() };
      target.clients.push(into);
    }
    addMetrics(into, client);
  }
  for (const model of source.models) {
    let into = target.models.find((m) => m.model === model.model && m.speed === model.speed);
    if (!into) {
      into = { model: model.model, speed: model.speed, ...zeroMetrics() };
      target.models.push(into);
    }
    addMetrics(into, model);
  }
  if (source.attribution) {
    target.attribution ??= { linesAdded: 0, linesRemoved: 0 };
    target.attribution.linesAdded += source.attribution.linesAdded;
    target.attribution.linesRemoved += source.attribution.linesRemoved;
  }
}
