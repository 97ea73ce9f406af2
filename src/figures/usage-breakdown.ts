/**
 * Threads, turns, credits and tokens over a window: totals (from `row.totals`), by surface (from
 * `clients[]`), by model (from `models[]`) and per bucket. Client and model items need not add up to
 * the totals (the API's attribution can be missing), so the breakdowns are reported as given.
 */
import { userIdOf } from '../codex/row-identity.js';
import { type SurfaceOf, surfaces } from '../domain/surfaces.js';
import type { TimeWindow } from '../domain/utc-days.js';
import { createBuckets, lastSeriesBucket } from './buckets.js';
import { compareText } from './compare-text.js';
import type { Bucket, UsageBreakdown, UsagePoint } from './figure-types.js';
import { isProvisional } from './freshness.js';
import {
  addMetrics,
  createSurfaceAccumulators,
  createUsageAccumulator,
  mergeInto,
  toSurfaceFigures,
  toUsageFigures,
  type UsageAccumulator,
} from './usage-accumulator.js';
import type { UsageRows } from './usage-rows.js';

export interface UsageBreakdownOptions {
  window: TimeWindow;
  bucket: Bucket;
  surfaceOf: SurfaceOf;
  /** The injected clock's now; only decides which points are provisional. */
  now: Date;
  /** The newest complete day (YYYY-MM-DD) the source holds: the series runs at least through it. */
  seriesThrough?: string | null;
}

interface ModelSums {
  model: string;
  speed: string | null;
  acc: UsageAccumulator;
}

/**
 * Computes the usage breakdown of `window`.
 *
 * - Per-user and workspace rows describe the same usage, so when both are given the per-user rows
 *   win and workspace rows are ignored (no double counting); workspace rows alone are used as is.
 * - A row without any `clients[]` item is attributed wholly to 'other' (same rule as adoption).
 * - Model items carry no threads or turns in the API, so `byModel` figures have them as 0.
 * - Token sums: null only when no contributing value was known (see usage-accumulator.ts).
 * - The series covers the window start up to the newest bucket with a row (or `seriesThrough`'s);
 *   gaps before that are zeros.
 */
export function computeUsageBreakdown(rows: UsageRows, options: UsageBreakdownOptions): UsageBreakdown {
  const { window, bucket, surfaceOf, now } = options;
  const buckets = createBuckets(window, bucket);
  const useUserRows = hasUserRow(rows);
  const bucketTotals: UsageAccumulator[] = [];
  const bucketSurfaces: Array<ReturnType<typeof createSurfaceAccumulators>> = [];
  for (let b = 0; b < buckets.count; b++) {
    bucketTotals.push(createUsageAccumulator());
    bucketSurfaces.push(createSurfaceAccumulators());
  }
  // model → speed → sums; nested Maps avoid building a string key per model item.
  const byModel = new Map<string, Map<string | null, ModelSums>>();
  let newestBucket = -1;

  for (const row of rows) {
    if ((userIdOf(row) !== null) !== useUserRows) continue;
    const index = buckets.indexOf(row.start_time);
    const totals = bucketTotals[index];
    const bySurface = bucketSurfaces[index];
    if (totals === undefined || bySurface === undefined) continue;
    if (index > newestBucket) newestBucket = index;
    addMetrics(totals, row.totals);
    if (row.clients.length === 0) addMetrics(bySurface.other, row.totals);
    for (const client of row.clients) addMetrics(bySurface[surfaceOf(client.client_id)], client);
    for (const item of row.models) {
      let speeds = byModel.get(item.model);
      if (speeds === undefined) {
        speeds = new Map();
        byModel.set(item.model, speeds);
      }
      let sums = speeds.get(item.speed);
      if (sums === undefined) {
        sums = { model: item.model, speed: item.speed, acc: createUsageAccumulator() };
        speeds.set(item.speed, sums);
      }
      addMetrics(sums.acc, item);
    }
  }

  newestBucket = lastSeriesBucket(buckets, window, newestBucket, options.seriesThrough);
  const windowTotals = createUsageAccumulator();
  const windowSurfaces = createSurfaceAccumulators();
  const series: UsagePoint[] = [];
  for (let b = 0; b < buckets.count; b++) {
    const totals = bucketTotals[b] ?? createUsageAccumulator();
    const bySurface = bucketSurfaces[b] ?? createSurfaceAccumulators();
    mergeInto(windowTotals, totals);
    for (const surface of surfaces) mergeInto(windowSurfaces[surface], bySurface[surface]);
    if (b > newestBucket) continue;
    const span = buckets.windowOf(b);
    series.push({
      ...span,
      totals: toUsageFigures(totals),
      bySurface: toSurfaceFigures(bySurface),
      provisional: isProvisional(span.end, now),
    });
  }

  const models = [...byModel.values()].flatMap((speeds) => [...speeds.values()]);
  models.sort(
    (a, b) => b.acc.credits - a.acc.credits || compareText(a.model, b.model) || compareText(a.speed, b.speed),
  );

  return {
    window,
    bucket,
    totals: toUsageFigures(windowTotals),
    bySurface: toSurfaceFigures(windowSurfaces),
    byModel: models.map(({ model, speed, acc }) => ({ model, speed, figures: toUsageFigures(acc) })),
    series,
  };
}

function hasUserRow(rows: UsageRows): boolean {
  for (const row of rows) if (userIdOf(row) !== null) return true;
  return false;
}
