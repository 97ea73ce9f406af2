/**
 * Late rows (issue 11: "the last 1–5 days can still change"): a few users' rows of a finished day reach
 * the API after the day ended, so a day inside the late window gains rows and values as `now` moves on,
 * and a sync must re-pull it. Each user-day draws from the seed whether it is late and when it arrives,
 * so the data stays a pure function of (seed, user, day, now), and a day past the window is the same
 * whatever `now` is.
 */
import { DAY_SECONDS } from './calendar.js';
import { uniform } from './seeded-random.js';
import type { SimulatedOrg } from './simulated-org.js';
import { visibleFraction } from './simulated-org.js';

/** A day is settled this long after it ends: inside the contract's 5 days, so a daily sync sees it. */
export const LATE_WINDOW_SECONDS = 3 * DAY_SECONDS;
/** Share of a day's active users whose whole row arrives late. */
const LATE_ROW_SHARE = 0.03;
/** Share whose row is there on time but shows only part of the day until the rest arrives. */
const LATE_VALUE_SHARE = 0.05;
/** What such a row shows before its late part arrives. */
const EARLY_PART = 0.8;
// Salts (5xx), distinct from the profile, activity, usage and review salts.
const S_LATE = 501;
const S_ARRIVAL = 502;

/** True when `day` can no longer change at `now` (its late rows have all arrived). */
export function isSettled(day: number, now: number): boolean {
  return now >= (day + 1) * DAY_SECONDS + LATE_WINDOW_SECONDS;
}

/**
 * How much of `user`'s `day` the API shows at `now`: the day's visible fraction (simulated-org.ts), or 0
 * for a late row not yet arrived, or a part of it for late values not yet arrived.
 */
export function userVisibleFraction(org: SimulatedOrg, user: number, day: number, now: number): number {
  const fraction = visibleFraction(org, day, now);
  if (fraction === 0 || isSettled(day, now)) return fraction;
  const late = uniform(org.seed, S_LATE, user, day);
  if (late >= LATE_ROW_SHARE + LATE_VALUE_SHARE) return fraction;
  const arrival = (day + 1) * DAY_SECONDS + uniform(org.seed, S_ARRIVAL, user, day) * LATE_WINDOW_SECONDS;
  if (now >= arrival) return fraction;
  return late < LATE_ROW_SHARE ? 0 : fraction * EARLY_PART;
}
