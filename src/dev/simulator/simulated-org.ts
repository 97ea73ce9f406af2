/**
 * The simulated organisation's timeline: when it started using Codex, how adoption grew, and how much of
 * a day is visible through the (lagging) API. Everything else derives from these and the seed.
 */
import { DAY_SECONDS, dayOf } from './calendar.js';
import { hashString } from './seeded-random.js';

/**
 * The day the simulated org adopted Codex, fixed on the calendar (not relative to `now`): a given day's
 * rows are then the same whatever the simulated now is (issue 11: sync at `--now` months ago, then at
 * today, and get one consistent history). 120 days before the tests' pinned Tuesday, 2026-11-24, so a
 * 90-day window then shows the ramp; later, the org has simply been on Codex for longer.
 */
export const DEFAULT_ORG_START = new Date('2026-07-27T00:00:00Z');
/** The adoption ramp's scale in days (usage intensity grows over the org's first ~120 days). */
export const ORG_AGE_DAYS = 120;
/** Adoption is a logistic curve over org days: half the users have onboarded by this day… */
export const ADOPTION_MIDPOINT_DAYS = 60;
/** …and this is its spread in days (≈ 2% onboard on day 0, ≈ 98% by day 120). */
export const ADOPTION_SPREAD_DAYS = 15;
/**
 * The API "lags up to 12 h"; we model the typical case simply: the running UTC day shows the activity of
 * its first (elapsed − 2 h), scaled linearly. Earlier days are complete but for a few late rows
 * (late-rows.ts), which stop arriving once a day is past the late window.
 */
export const LAG_SECONDS = 2 * 3600;

export interface SimulatedOrg {
  readonly seedText: string;
  /** The seed as 32 bits, the root of every draw. */
  readonly seed: number;
  readonly users: number;
  /** First UTC day with any data: no rows exist before it. A calendar day, whatever `now` is. */
  readonly orgStartDay: number;
  /** The simulated current time. */
  readonly now: () => Date;
  /**
   * Injected spikes and drops (issue 13: alerts need something to find): a day number → a factor on
   * that day's usage (5 = five times the usual credits and threads; 0.2 = a fifth, with fewer people
   * active). Other days are untouched, so a day's rows stay the same whatever else is injected.
   */
  readonly dayFactors: ReadonlyMap<number, number>;
}

/** Builds the org from its seed, size, start day (default DEFAULT_ORG_START) and simulated now. */
export function createSimulatedOrg(options: {
  seed: string;
  users: number;
  now: () => Date;
  orgStart?: Date;
  dayFactors?: ReadonlyMap<number, number>;
}): SimulatedOrg {
  const start = options.orgStart ?? DEFAULT_ORG_START;
  return {
    seedText: options.seed,
    seed: hashString(options.seed),
    users: options.users,
    orgStartDay: dayOf(Math.floor(start.getTime() / 1000)),
    now: options.now,
    dayFactors: options.dayFactors ?? new Map(),
  };
}

/** Unix seconds of the simulated now. */
export function nowSeconds(org: SimulatedOrg): number {
  return Math.floor(org.now().getTime() / 1000);
}

/** Expected share of users onboarded by `day` (the logistic adoption CDF). */
export function adoptedShare(org: SimulatedOrg, day: number): number {
  const t = day - org.orgStartDay;
  if (t < 0) return 0;
  return 1 / (1 + Math.exp(-(t - ADOPTION_MIDPOINT_DAYS) / ADOPTION_SPREAD_DAYS));
}

/**
 * How much of `day` the API shows at `now`: 1 for finished days, a fraction for the running day (see
 * LAG_SECONDS), 0 for future days and days before the org started.
 */
export function visibleFraction(org: SimulatedOrg, day: number, now: number): number {
  if (day < org.orgStartDay) return 0;
  const elapsed = now - day * DAY_SECONDS;
  if (elapsed >= DAY_SECONDS) return 1;
  if (elapsed < 0) return 0;
  return Math.max(0, elapsed - LAG_SECONDS) / DAY_SECONDS;
}
