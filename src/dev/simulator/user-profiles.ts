/**
 * Per-user traits, each a pure function of (seed, user index): identity, onboarding day, how often and
 * how heavily they use Codex, which clients and models they prefer. Profiles are cached lazily (a few
 * hundred bytes each) so scanning 50,000 users stays cheap; rows are never materialised.
 */

import { mix32, normal, pickWeighted, uniform } from './seeded-random.js';
import type { SimulatedOrg } from './simulated-org.js';
import { ADOPTION_MIDPOINT_DAYS, ADOPTION_SPREAD_DAYS } from './simulated-org.js';
import { affinityScale, clientGroups, firstNames, lastNames } from './simulation-catalog.js';

export interface UserProfile {
  index: number;
  userId: string;
  /** null for ~15% of users: the workspace does not expose their email. */
  email: string | null;
  onboardDay: number;
  /** The day the user stops using Codex (Infinity for most). */
  churnDay: number;
  /** Base chance of being active on a working day. */
  activity: number;
  /** Multiplier on `activity` for Saturdays and Sundays. */
  weekendFactor: number;
  /** Heavy-tailed usage multiplier (log-normal, plus a Pareto tail for power users). */
  intensity: number;
  /** Surface affinities, in clientGroups order: cli, ide, cloud, desktop, review. */
  affinity: readonly number[];
  /** The concrete client_id the user runs for each surface, in the same order. */
  clients: readonly string[];
  /** Index into `models` (simulation-catalog.ts) of the user's usual model. */
  model: number;
  /** Share of gpt-5.4 turns the user runs at `fast` speed. */
  fastShare: number;
  /**
   * ~12% of users come with their identity only in `actor` (no top-level `user_id` key), as integrators
   * of the real API saw: clients must read `actor.user_id` first (issue 9).
   */
  actorOnly: boolean;
  /** ~5% of users are billed in USD: their rows carry `credits: null` and a `cost_usd` (issue 9). */
  usdBilled: boolean;
  /** userId and email as JSON literals, computed once because every one of the user's rows repeats them. */
  quoted: { userId: string; email: string };
}

// Salts (1xx) keep each trait's draws independent of the others and of activity/usage salts.
const S = {
  onboard: 101,
  churn: 102,
  churnDay: 103,
  activity: 104,
  weekend: 105,
  intensity: 106,
  tail: 107,
  email: 108,
  name: 109,
  model: 110,
  fast: 111,
  affinity: 120,
  client: 130,
  actorOnly: 140,
  usdBilled: 141,
};

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Builds one user's profile; O(1) in the user count. */
export function buildUserProfile(org: SimulatedOrg, index: number): UserProfile {
  const s = org.seed;
  const u = (salt: number, k = 0) => uniform(s, salt, index, k);
  // Inverse logistic CDF: the adoption curve of ADOPTION_* (clamped, so early adopters share day 0).
  const q = Math.min(Math.max(u(S.onboard), 1e-9), 1 - 1e-9);
  const offset = ADOPTION_MIDPOINT_DAYS + ADOPTION_SPREAD_DAYS * Math.log(q / (1 - q));
  const onboardDay = org.orgStartDay + Math.max(0, Math.round(offset));
  const churnDay =
    u(S.churn) < 0.06 ? onboardDay + 14 + Math.floor(u(S.churnDay) * 60) : Number.POSITIVE_INFINITY;
  const tail = u(S.tail);
  // ~3% power users on a Pareto tail (×2…×20) on top of a log-normal base.
  const intensity =
    Math.exp(0.8 * normal(s, S.intensity, index)) * (tail < 0.03 ? 2 / Math.sqrt(1 - tail / 0.03 + 0.01) : 1);
  const affinity = affinityScale.map((scale, g) => scale * Math.exp(normal(s, S.affinity + g, index)));
  const clients = clientGroups.map((choice, g) => {
    const picked =
      choice[
        Math.max(
          0,
          pickWeighted(
            choice.map(([, w]) => w),
            u(S.client + g),
          ),
        )
      ];
    return picked?.[0] ?? 'CODEX_UNKNOWN_DEFAULT';
  });
  const first = firstNames[Math.floor(u(S.name) * firstNames.length)] ?? 'dev';
  const last = lastNames[Math.floor(u(S.name, 1) * lastNames.length)] ?? 'user';
  const modelDraw = u(S.model);
  const userId = `user-${base62(mix32((index + s) >>> 0))}`;
  const email = u(S.email) < 0.15 ? null : `${first}.${last}${index + 1}@example.com`;
  return {
    index,
    userId,
    email,
    quoted: { userId: JSON.stringify(userId), email: email === null ? 'null' : JSON.stringify(email) },
    actorOnly: u(S.actorOnly) < 0.12,
    usdBilled: u(S.usdBilled) < 0.05,
    onboardDay,
    churnDay,
    activity: 0.25 + 0.7 * u(S.activity) ** 0.7,
    weekendFactor: u(S.weekend) < 0.1 ? 0.7 : 0.08 + 0.2 * u(S.weekend, 1),
    intensity,
    affinity,
    clients,
    model: modelDraw < 0.7 ? 0 : modelDraw < 0.9 ? 2 : 3,
    fastShare: u(S.fast) < 0.3 ? 0.1 + 0.5 * u(S.fast, 1) : 0,
  };
}

/** A lazily filled cache of profiles for users 0…org.users−1. */
export function createProfileCache(org: SimulatedOrg): (index: number) => UserProfile {
  const cache: (UserProfile | undefined)[] = new Array(org.users);
  return (index) => {
    let profile = cache[index];
    if (!profile) {
      profile = buildUserProfile(org, index);
      cache[index] = profile;
    }
    return profile;
  };
}

/** Fixed-width base62 of a uint32 (6 characters; unique because mix32 is a bijection). */
function base62(value: number): string {
  let v = value;
  let out = '';
  for (let i = 0; i < 6; i++) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out;
}
