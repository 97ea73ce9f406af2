/**
 * Active users — distinct users with any activity (threads, turns or credits above zero), per bucket,
 * per surface and over the whole window. Distinct users are never summed across buckets or surfaces:
 * a user active on three days counts once for the window, and a user active on two surfaces counts
 * once per surface and once overall.
 */
import { userIdOf } from '../codex/row-identity.js';
import { type Surface, type SurfaceOf, surfaces } from '../domain/surfaces.js';
import type { TimeWindow } from '../domain/utc-days.js';
import { createBuckets, lastSeriesBucket } from './buckets.js';
import type { AdoptionFigures, AdoptionPoint, Bucket } from './figure-types.js';
import { isProvisional } from './freshness.js';
import { isActive } from './usage-accumulator.js';
import type { UsageRows } from './usage-rows.js';

export interface AdoptionOptions {
  window: TimeWindow;
  bucket: Bucket;
  surfaceOf: SurfaceOf;
  /** The injected clock's now; only decides which points are provisional. */
  now: Date;
  /** The newest complete day (YYYY-MM-DD) the source holds: the series runs at least through it. */
  seriesThrough?: string | null;
}

// One bit per surface plus one for "active at all", so a user's activity in a bucket is one byte.
const ACTIVE_BIT = 1 << surfaces.length;
const FLAG_COUNT = surfaces.length + 1;
const surfaceBit = Object.fromEntries(surfaces.map((s, i) => [s, 1 << i])) as Record<Surface, number>;

/**
 * Computes adoption over `window`. Only per-user rows count (workspace rows, `user_id` null, are
 * ignored). A row's activity is attributed to the surfaces of its active `clients[]` items; a row
 * with no `clients[]` at all counts under 'other', so every active user appears on some surface.
 *
 * The series covers every bucket from the window start up to the newest bucket holding any per-user
 * row (or `seriesThrough`'s): buckets in between with no rows are real zeros, buckets after the
 * newest data are not invented.
 */
export function computeAdoption(rows: UsageRows, options: AdoptionOptions): AdoptionFigures {
  const { window, bucket, surfaceOf, now } = options;
  const buckets = createBuckets(window, bucket);
  // userId → activity flags per bucket: memory is users × buckets bytes, counting is one sweep.
  const flagsByUser = new Map<string, Uint8Array>();
  let newestBucket = -1;

  for (const row of rows) {
    const userId = userIdOf(row);
    if (userId === null) continue;
    const index = buckets.indexOf(row.start_time);
    if (index < 0) continue;
    if (index > newestBucket) newestBucket = index;
    let flags = 0;
    if (row.clients.length === 0) {
      if (isActive(row.totals)) flags = ACTIVE_BIT | surfaceBit.other;
    } else {
      for (const client of row.clients) {
        if (isActive(client)) flags |= surfaceBit[surfaceOf(client.client_id)];
      }
      if (flags !== 0 || isActive(row.totals)) flags |= ACTIVE_BIT;
    }
    if (flags === 0) continue;
    let cells = flagsByUser.get(userId);
    if (cells === undefined) {
      cells = new Uint8Array(buckets.count);
      flagsByUser.set(userId, cells);
    }
    cells[index] = (cells[index] ?? 0) | flags;
  }

  const bucketCounts = new Int32Array(buckets.count * FLAG_COUNT);
  const windowCounts = new Int32Array(FLAG_COUNT);
  for (const cells of flagsByUser.values()) {
    let windowFlags = 0;
    for (let b = 0; b < cells.length; b++) {
      const flags = cells[b] ?? 0;
      if (flags === 0) continue;
      windowFlags |= flags;
      countFlags(bucketCounts, b * FLAG_COUNT, flags);
    }
    countFlags(windowCounts, 0, windowFlags);
  }

  const series: AdoptionPoint[] = [];
  const lastBucket = lastSeriesBucket(buckets, window, newestBucket, options.seriesThrough);
  for (let b = 0; b <= lastBucket; b++) {
    const span = buckets.windowOf(b);
    series.push({
      ...span,
      activeUsers: bucketCounts[b * FLAG_COUNT + surfaces.length] ?? 0,
      bySurface: surfaceCounts(bucketCounts, b * FLAG_COUNT),
      provisional: isProvisional(span.end, now),
    });
  }

  return {
    window,
    bucket,
    activeUsers: windowCounts[surfaces.length] ?? 0,
    bySurface: surfaceCounts(windowCounts, 0),
    series,
  };
}

function countFlags(counts: Int32Array, offset: number, flags: number): void {
  for (let bit = 0; bit < FLAG_COUNT; bit++) {
    if (flags & (1 << bit)) counts[offset + bit] = (counts[offset + bit] ?? 0) + 1;
  }
}

function surfaceCounts(counts: Int32Array, offset: number): Record<Surface, number> {
  const record = {} as Record<Surface, number>;
  surfaces.forEach((surface, i) => {
    record[surface] = counts[offset + i] ?? 0;
  });
  return record;
}
