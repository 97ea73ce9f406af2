/**
 * The simulator's internal usage record: integers only (credits in hundredths), so week and workspace
 * aggregates are exact sums of their parts. `usage-json.ts` turns a record into the API's row shape.
 */

/** Our stand-in price: 1 credit ≈ $0.04 (the contract's example row: 182.5 credits → $7.30). */
export const USD_PER_CREDIT = 0.04;

export interface Metrics {
  threads: number;
  turns: number;
  /** Credits × 100 (credit-billed usage only). */
  creditCents: number;
  /** USD × 100 of USD-billed usage (issue 9: such rows have `credits: null` and a `cost_usd`). */
  usdCents: number;
  /** Some part is billed in credits: `credits` is a number (else, if usdBilled, null). */
  creditBilled: boolean;
  /** Some part is billed in USD: `cost_usd` is a number (else null). */
  usdBilled: boolean;
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
  return {
    threads: 0,
    turns: 0,
    creditCents: 0,
    usdCents: 0,
    creditBilled: false,
    usdBilled: false,
    uncached: 0,
    cached: 0,
    output: 0,
    tokensKnown: false,
  };
}

/** An empty record, the start of an aggregate. */
export function emptyRecord(): UsageRecord {
  return { totals: zeroMetrics(), clients: [], models: [], attribution: null };
}

/**
 * target += source. Credits and USD add separately, so an aggregate (workspace, week) has `credits` = the
 * sum of its parts' non-null credits and `cost_usd` = the sum of their USD (null when no part is USD-billed).
 * Unknown token counts are skipped rather than poisoning the sum: an aggregate's tokens
 * are known when any part is (the real API's own aggregates know what a single sparse row may not).
 */
export function addMetrics(target: Metrics, source: Metrics): void {
  target.threads += source.threads;
  target.turns += source.turns;
  target.creditCents += source.creditCents;
  target.usdCents += source.usdCents;
  target.creditBilled ||= source.creditBilled;
  target.usdBilled ||= source.usdBilled;
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

/** Re-bills credit-billed metrics in USD at our stand-in price (a USD-billed user's rows, issue 9). */
export function billInUsd(m: Metrics): void {
  m.usdCents = Math.round(m.creditCents * USD_PER_CREDIT);
  m.creditCents = 0;
  m.creditBilled = false;
  m.usdBilled = true;
}
