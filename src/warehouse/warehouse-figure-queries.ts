/**
 * What the warehouse's SQL figures are asked (Warehouse.usageFigures, reviewFigures): the contract on
 * its own, so the Warehouse interface names it without importing the queries.
 */
import type { Surface, SurfaceOf } from '../domain/surfaces.js';
import type { TimeWindow } from '../domain/utc-days.js';
import type { AdoptionFigures, Bucket, UsageBreakdown } from '../figures/figure-types.js';

/**
 * Whose activity a figure counts: everyone (null), or the Codex users of one team (issue 12's
 * team_members, matched at the identity refresh). No command asks for a team yet; the queries take the
 * scope so a `team` filter only has to pass it.
 */
export type UsersScope = { teamId: string } | null;

export interface UsageFigureQuery {
  window: TimeWindow;
  bucket: Bucket;
  /** Only this surface's activity counts; null for all. */
  surface: Surface | null;
  surfaceOf: SurfaceOf;
  /** The injected clock's now; only decides which points are provisional. */
  now: Date;
  /** Everyone when absent or null. */
  users?: UsersScope;
  /** The newest complete day (YYYY-MM-DD) held: the series runs at least through it (lastSeriesBucket). */
  seriesThrough?: string | null;
}

/** What computeAdoption and computeUsageBreakdown return on the same rows. */
export interface UsageFigures {
  adoption: AdoptionFigures;
  usage: UsageBreakdown;
}

export interface ReviewFigureQuery {
  window: TimeWindow;
  bucket: Bucket;
  /** The injected clock's now; only decides which points are provisional. */
  now: Date;
}
