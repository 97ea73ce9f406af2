/**
 * One user's usage on one day, generated in O(1) from (seed, user, day): threads and turns scale with the
 * user's heavy-tailed intensity, credits follow the models used, tokens follow credits (mostly cached
 * input), and the day's clients are drawn from the user's surface affinities, shifted over the org's life
 * (CLI and the desktop app grow, the IDE stays steady).
 */

import { normal, pickWeighted, splitInteger, uniform } from './seeded-random.js';
import { ORG_AGE_DAYS, type SimulatedOrg } from './simulated-org.js';
import { models } from './simulation-catalog.js';
import {
  billInUsd,
  type ClientMetrics,
  type Metrics,
  type ModelMetrics,
  type UsageRecord,
} from './usage-record.js';
import { isActive } from './user-activity.js';
import type { UserProfile } from './user-profiles.js';

/** A client id the contract does not list: new values appear without notice, clients must cope. */
export const UNKNOWN_CLIENT_ID = 'CODEX_FUTURE_SURFACE';
/** The unknown client only shows up late in the org's life, like a newly shipped surface. */
const UNKNOWN_CLIENT_FROM_DAY = 95;
const CREDITS_PER_TURN = 4.5;
const TOKENS_PER_CREDIT = 14_500;

// Salts (3xx), one per independent draw.
const S = {
  dayVar: 301,
  threads: 302,
  turns: 303,
  rate: 304,
  second: 305,
  secondModel: 306,
  secondShare: 307,
  fast: 308,
  tokens: 309,
  output: 310,
  cached: 311,
  nullTokens: 312,
  clients: 313,
  pick: 314,
  clientShare: 317,
  unknown: 320,
  noClientId: 324,
  attrib: 321,
  added: 322,
  removed: 323,
};

/** Time shift of each surface group's weight (cli, ide, cloud, desktop, review) at org progress p ∈ [0, 1.5]. */
function surfaceShift(group: number, p: number): number {
  switch (group) {
    case 0:
      return 0.2 + 2 * p; // CLI grows steadily
    case 2:
      return 0.8 + 0.4 * p;
    case 3:
      return 0.05 + 1.5 * p; // the desktop app is new
    default:
      return 1; // IDE and review steady
  }
}

/** The user's usage on `day`, or null when they were not active. `fraction` < 1 for the running day. */
export function userDayUsage(
  org: SimulatedOrg,
  profile: UserProfile,
  day: number,
  fraction: number,
): UsageRecord | null {
  if (!isActive(org, profile, day, fraction)) return null;
  const s = org.seed;
  const i = profile.index;
  const u = (salt: number) => uniform(s, salt, i, day);
  const injected = org.dayFactors.get(day) ?? 1;
  const scale = profile.intensity * Math.exp(0.5 * normal(s, S.dayVar, i, day)) * fraction * injected;
  const threads = Math.max(1, Math.min(500, Math.round(1.6 * scale + u(S.threads))));
  const turns = Math.max(threads, Math.round(threads * (3 + 9 * u(S.turns))));

  // Models: the usual one, sometimes a second (fast mode for those who use it, else any other model).
  const modelIds = [profile.model];
  if (profile.model === 0 && profile.fastShare > 0 && u(S.fast) < 0.6) modelIds.push(1);
  else if (u(S.second) < 0.25) modelIds.push((profile.model + 1 + Math.floor(u(S.secondModel) * 3)) % 4);
  const secondShare = 0.1 + 0.4 * u(S.secondShare);
  const shares = modelIds.length === 1 ? [1] : [1 - secondShare, secondShare];
  const modelTurns = splitInteger(turns, shares);
  // A thread can switch models, so each model used counts at least one thread (they need not sum).
  const modelThreads = splitInteger(threads, shares).map((t) => Math.max(1, t));
  const rate = CREDITS_PER_TURN * Math.exp(0.3 * normal(s, S.rate, i, day));
  const tokensKnown = u(S.nullTokens) >= 0.015;
  const modelRows: ModelMetrics[] = modelIds.map((id, k) => {
    const spec = models[id] ?? models[0];
    const creditCents = Math.max(1, Math.round((modelTurns[k] ?? 0) * rate * spec.creditFactor * 100));
    const total =
      (creditCents / 100) * TOKENS_PER_CREDIT * spec.tokenFactor * (0.85 + 0.3 * u(S.tokens + k * 50));
    const output = Math.round(total * (0.01 + 0.015 * u(S.output + k * 50)));
    const input = Math.round(total) - output;
    const cached = Math.round(input * (0.65 + 0.27 * u(S.cached + k * 50)));
    return {
      model: spec.model,
      speed: spec.speed,
      threads: modelThreads[k] ?? 0,
      turns: modelTurns[k] ?? 0,
      creditCents,
      usdCents: 0,
      creditBilled: true,
      usdBilled: false,
      uncached: input - cached,
      cached,
      output,
      tokensKnown,
    };
  });
  const totals: Metrics = {
    threads,
    turns,
    creditCents: 0,
    usdCents: 0,
    creditBilled: true,
    usdBilled: false,
    uncached: 0,
    cached: 0,
    output: 0,
    tokensKnown,
  };
  for (const m of modelRows) {
    totals.creditCents += m.creditCents;
    totals.uncached += m.uncached;
    totals.cached += m.cached;
    totals.output += m.output;
  }

  const clients = dayClients(org, profile, day, totals);
  const credits = totals.creditCents / 100;
  const added = Math.round(credits * (0.4 + 1.6 * u(S.added)));
  if (profile.usdBilled) billRecordInUsd(totals, clients, modelRows);
  return {
    totals,
    clients,
    models: modelRows,
    attribution:
      u(S.attrib) < 0.08
        ? null
        : { linesAdded: added, linesRemoved: Math.round(added * (0.1 + 0.5 * u(S.removed))) },
  };
}

/** Splits the day's totals over one to three clients picked from the user's (time-shifted) affinities. */
function dayClients(org: SimulatedOrg, profile: UserProfile, day: number, totals: Metrics): ClientMetrics[] {
  const s = org.seed;
  const i = profile.index;
  const progress = Math.min(1.5, Math.max(0, (day - org.orgStartDay) / ORG_AGE_DAYS));
  const weights = profile.affinity.map((a, g) => a * surfaceShift(g, progress));
  const extra = uniform(s, S.clients, i, day);
  const wanted = Math.min(totals.threads, 1 + (extra < 0.35 ? 1 : 0) + (extra < 0.1 ? 1 : 0));
  const groups: number[] = [];
  for (let k = 0; k < wanted; k++) {
    const g = pickWeighted(weights, uniform(s, S.pick + k, i, day));
    if (g < 0) break;
    groups.push(g);
    weights[g] = 0; // pick each surface at most once
  }
  // The first client carries most of the day; later ones get smaller shares.
  // Most user-days use one client: skip the proportional splits (this is the hot path of a page).
  if (groups.length === 1) {
    return [{ clientId: profile.clients[groups[0] ?? 0] ?? 'CODEX_UNKNOWN_DEFAULT', ...totals }];
  }
  const shares = groups.map((_, k) => (k === 0 ? 1 : 0.15 + 0.5 * uniform(s, S.clientShare + k, i, day)));
  const threads = splitInteger(totals.threads - groups.length, shares).map((t) => t + 1);
  const turns = splitInteger(totals.turns - groups.length, shares).map((t) => t + 1);
  const credits = splitInteger(totals.creditCents, shares);
  const uncached = splitInteger(totals.uncached, shares);
  const cached = splitInteger(totals.cached, shares);
  const output = splitInteger(totals.output, shares);
  const late = day - org.orgStartDay >= UNKNOWN_CLIENT_FROM_DAY && uniform(s, S.unknown, i, day) < 0.02;
  // Integrators saw clients[] items with only some fields: ~3% of multi-client days lack a client_id.
  const noId = uniform(s, S.noClientId, i, day) < 0.03;
  return groups.map((g, k) => ({
    clientId:
      late && k === groups.length - 1 && k > 0
        ? UNKNOWN_CLIENT_ID
        : noId && k === groups.length - 1 && k > 0
          ? null
          : (profile.clients[g] ?? 'CODEX_UNKNOWN_DEFAULT'),
    threads: threads[k] ?? 0,
    turns: turns[k] ?? 0,
    creditCents: credits[k] ?? 0,
    usdCents: 0,
    creditBilled: true,
    usdBilled: false,
    uncached: uncached[k] ?? 0,
    cached: cached[k] ?? 0,
    output: output[k] ?? 0,
    tokensKnown: totals.tokensKnown,
  }));
}

/**
 * USD-billed users (issue 9): every item of their rows has credits null and a cost_usd. Like credits,
 * totals' USD is the sum of the models' and the clients split it exactly (by their credit shares).
 */
function billRecordInUsd(totals: Metrics, clients: ClientMetrics[], modelRows: ModelMetrics[]): void {
  for (const m of modelRows) billInUsd(m);
  const clientUsd = splitInteger(
    modelRows.reduce((sum, m) => sum + m.usdCents, 0),
    clients.map((c) => c.creditCents),
  );
  for (const [k, c] of clients.entries()) {
    billInUsd(c);
    c.usdCents = clientUsd[k] ?? 0;
  }
  billInUsd(totals);
  totals.usdCents = modelRows.reduce((sum, m) => sum + m.usdCents, 0);
}
