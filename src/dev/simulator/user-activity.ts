/**
 * Whether a user is active on a day, in O(1) from (seed, user, day) — no simulated history.
 *
 * Streaks come from a slowly varying per-user "engagement" level: smooth value noise with a knot every
 * ENGAGEMENT_KNOT_DAYS days (a hashed level per knot, interpolated between knots). Busy stretches raise
 * the daily chance of activity for several days in a row, quiet stretches lower it, so active days cluster
 * the way real streaks do, while each day's draw stays independent and cheap.
 */
import { isWeekend } from './calendar.js';
import { uniform } from './seeded-random.js';
import type { SimulatedOrg } from './simulated-org.js';
import type { UserProfile } from './user-profiles.js';

const ENGAGEMENT_KNOT_DAYS = 6;
// Salts (2xx), distinct from the profile salts.
const S_ENGAGEMENT = 201;
const S_ACTIVE = 202;

/** The user's engagement level on `day`, in [0, 1]. */
export function engagement(org: SimulatedOrg, user: number, day: number): number {
  const knot = Math.floor(day / ENGAGEMENT_KNOT_DAYS);
  const t = (day - knot * ENGAGEMENT_KNOT_DAYS) / ENGAGEMENT_KNOT_DAYS;
  const a = uniform(org.seed, S_ENGAGEMENT, user, knot);
  const b = uniform(org.seed, S_ENGAGEMENT, user, knot + 1);
  const smooth = t * t * (3 - 2 * t);
  return a + (b - a) * smooth;
}

/**
 * Chance the user is active on `day`, given the fraction of that day the API shows (most daily users
 * have started by mid-day, so a partial day keeps more users than its fraction alone would).
 */
export function activeProbability(
  org: SimulatedOrg,
  profile: UserProfile,
  day: number,
  fraction: number,
): number {
  if (fraction <= 0 || day < profile.onboardDay || day >= profile.churnDay) return 0;
  let p = profile.activity * (0.2 + 1.1 * engagement(org, profile.index, day));
  if (isWeekend(day)) p *= profile.weekendFactor;
  // The first days after onboarding are eager: people try the tool out.
  if (day - profile.onboardDay < 3) p = Math.max(p, 0.8);
  // An injected drop also keeps people away; a spike makes the active ones busier, not more numerous.
  const injected = Math.min(1, org.dayFactors.get(day) ?? 1);
  return Math.min(0.97, p) * Math.min(1, 2 * fraction) * injected;
}

/** True when the user has any Codex activity on `day`. */
export function isActive(org: SimulatedOrg, profile: UserProfile, day: number, fraction: number): boolean {
  if (fraction <= 0 || day < profile.onboardDay || day >= profile.churnDay) return false;
  return uniform(org.seed, S_ACTIVE, profile.index, day) < activeProbability(org, profile, day, fraction);
}
