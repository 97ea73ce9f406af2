/**
 * The user ranking: who used Codex most in a window, sortable like the dashboard (credits, threads,
 * turns, text tokens, current streak) and filterable by surface.
 */
import { emailOf, userIdOf } from '../codex/row-identity.js';
import type { UsageRow } from '../codex/schemas.js';
import { type Surface, type SurfaceOf, surfaces } from '../domain/surfaces.js';
import type { TimeWindow } from '../domain/utc-days.js';
import { dayNumber } from '../domain/utc-days.js';
import { compareText } from './compare-text.js';
import type { RankedUser, RankKey, UserRanking } from './figure-types.js';
import { newestCompleteDayNumber } from './freshness.js';
import { createRowActivity, measureRow } from './row-activity.js';
import { extendStreaks } from './streaks.js';
import { addKnown, isActive } from './usage-accumulator.js';
import type { UsageRows } from './usage-rows.js';
import { assignLabels, sortLabel } from './user-labels.js';

export interface RankingOptions {
  window: TimeWindow;
  sortBy: RankKey;
  /** Only activity on this surface counts; null for all surfaces. */
  surface: Surface | null;
  topN: number;
  surfaceOf: SurfaceOf;
  /** The injected clock's now; decides the newest complete day that streaks end on. */
  now: Date;
  /**
   * Rows before the window, used only to extend streaks past its start; defaults to `rows`. Lets a
   * caller that already split its rows by week avoid another scan of the whole history.
   */
  history?: UsageRows;
}

interface UserState extends UserTotals {
  emailTime: number;
  /** Active (after the surface filter) somewhere in the window. */
  active: boolean;
  surfaceCredits: Float64Array;
  surfaceMask: number;
  /** Active days of the window by distance back from the newest complete day (index 0 = that day). */
  days: Uint8Array | null;
}

/**
 * Ranks users active in `window` (after the surface filter) and lists the top `topN`.
 *
 * - Surface filter: credits, threads, turns and tokens come only from `clients[]` items of that
 *   surface; a row without `clients[]` counts as 'other' (as in adoption).
 * - Streak: consecutive active days ending on the newest complete day of the window (see
 *   freshness.ts); not active that day → 0. It looks back through every row given (`history`, else
 *   `rows`), including rows before the window, so callers decide how much history counts; the running
 *   day never counts.
 * - Email (for the label) is the newest one seen on the user's rows in the window.
 * - Ties: the sort key descending, then credits descending, then label, then user_id.
 * - `surfaces` lists every surface the user was active on in the window, whatever the filter.
 */
export function rankUsers(rows: UsageRows, options: RankingOptions): UserRanking {
  const { window, sortBy, surface, topN, surfaceOf } = options;
  const newest = newestCompleteDayNumber(window, options.now);
  // Streak bitmaps cover the window's days up to the newest complete day (index 0 = that day).
  const streakDays = newest === null ? 0 : newest - dayNumber(window.start) + 1;
  const users = new Map<string, UserState>();
  const activity = createRowActivity();

  for (const row of rows) {
    const userId = userIdOf(row);
    if (userId === null || row.start_time < window.start || row.start_time >= window.end) continue;
    measureRow(row, surface, surfaceOf, activity);
    let state = users.get(userId);
    if (state === undefined) {
      // Created for inactive rows too, so sums never depend on the order rows arrive in.
      state = createState(userId);
      users.set(userId, state);
    }
    const email = emailOf(row);
    if (email !== null && row.start_time >= state.emailTime) {
      state.email = email;
      state.emailTime = row.start_time;
    }
    state.credits += activity.credits;
    state.threads += activity.threads;
    state.turns += activity.turns;
    state.tokens = addKnown(state.tokens, activity.tokens);
    recordSurfaces(row, surfaceOf, state);
    if (!activity.active) continue;
    state.active = true;
    const back = newest === null ? -1 : newest - dayNumber(row.start_time);
    if (back >= 0 && back < streakDays) {
      state.days ??= new Uint8Array(streakDays);
      state.days[back] = 1;
    }
  }

  const ranked: UserState[] = [];
  const unbroken = new Map<string, UserState>();
  let totalCredits = 0;
  for (const state of users.values()) {
    if (!state.active) continue;
    state.streak = streakOf(state.days);
    if (streakDays > 0 && state.streak === streakDays) unbroken.set(state.userId, state);
    totalCredits += state.credits;
    ranked.push(state);
  }
  if (unbroken.size > 0) {
    extendStreaks(options.history ?? rows, unbroken, window.start, (row) => {
      measureRow(row, surface, surfaceOf, activity);
      return activity.active;
    });
  }
  sortRanked(ranked, sortBy);
  return listRanking(ranked, { window, sortBy, surface, topN, totalCredits }, activeSurfaces);
}

/**
 * One active user's sums over a window: what the ranking orders and lists. rankUsers builds them from
 * rows; the warehouse sums them in SQL (src/warehouse/create-warehouse-user-figures.ts). Both finish
 * through sortRanked and listRanking, so the order, labels and shares cannot differ between them.
 */
export interface UserTotals {
  userId: string;
  /** The newest email on the user's rows in the window, or null. */
  email: string | null;
  credits: number;
  threads: number;
  turns: number;
  tokens: number | null;
  streak: number;
}

/**
 * Sorts `users` into rank order, in place: the sort key descending, then credits descending, then
 * label, then user_id.
 */
export function sortRanked<T extends UserTotals>(users: T[], sortBy: RankKey): T[] {
  const key = rankKey(sortBy);
  // Labels are hashed only for users that tie on both numbers, and once each.
  const labels = new Map<T, string>();
  const labelOf = (user: T): string => {
    let label = labels.get(user);
    if (label === undefined) {
      label = sortLabel(user.userId, user.email);
      labels.set(user, label);
    }
    return label;
  };
  return users.sort(
    (a, b) =>
      key(b) - key(a) ||
      b.credits - a.credits ||
      compareText(labelOf(a), labelOf(b)) ||
      compareText(a.userId, b.userId),
  );
}

export interface ListOptions {
  window: TimeWindow;
  sortBy: RankKey;
  surface: Surface | null;
  topN: number;
  /** Credits of every ranked user (summed by the caller, in its own order). */
  totalCredits: number;
}

/**
 * The ranking of `ranked` (every active user, in rank order): the first `topN` listed with labels,
 * shares and `surfacesOf` (asked only for the listed users).
 */
export function listRanking<T extends UserTotals>(
  ranked: readonly T[],
  options: ListOptions,
  surfacesOf: (user: T) => Surface[],
): UserRanking {
  const { window, sortBy, surface, topN, totalCredits } = options;
  const top = ranked.slice(0, Math.max(0, Math.floor(topN)));
  const labels = assignLabels(top);
  let topCredits = 0;
  const listed = top.map((user, i) => {
    topCredits += user.credits;
    return rankedUser(user, labels[i] ?? user.userId, totalCredits, surfacesOf(user));
  });

  return {
    window,
    sortBy,
    surface,
    users: listed,
    totalUsers: ranked.length,
    totalCredits,
    topShare: totalCredits > 0 ? topCredits / totalCredits : 0,
  };
}

/** A listed user: their totals, label, share of `totalCredits` and active surfaces. */
export function rankedUser(
  user: UserTotals,
  label: string,
  totalCredits: number,
  activeOn: Surface[],
): RankedUser {
  return {
    userId: user.userId,
    label,
    email: user.email,
    credits: user.credits,
    threads: user.threads,
    turns: user.turns,
    tokens: user.tokens,
    streak: user.streak,
    creditShare: totalCredits > 0 ? user.credits / totalCredits : 0,
    surfaces: activeOn,
  };
}

const surfaceIndex = new Map<Surface, number>(surfaces.map((s, i) => [s, i]));
const OTHER_INDEX = surfaces.indexOf('other');

function recordSurfaces(row: UsageRow, surfaceOf: SurfaceOf, state: UserState): void {
  if (row.clients.length === 0) {
    if (!isActive(row.totals)) return;
    state.surfaceMask |= 1 << OTHER_INDEX;
    state.surfaceCredits[OTHER_INDEX] = (state.surfaceCredits[OTHER_INDEX] ?? 0) + row.totals.credits;
    return;
  }
  for (const client of row.clients) {
    if (!isActive(client)) continue;
    const i = surfaceIndex.get(surfaceOf(client.client_id)) ?? OTHER_INDEX;
    state.surfaceMask |= 1 << i;
    state.surfaceCredits[i] = (state.surfaceCredits[i] ?? 0) + client.credits;
  }
}

function activeSurfaces(state: UserState): Surface[] {
  const list = surfaces.filter((_, i) => (state.surfaceMask & (1 << i)) !== 0);
  return orderSurfaces(list, (s) => state.surfaceCredits[surfaceIndex.get(s) ?? 0] ?? 0);
}

/** `list` (in the canonical surface order) by credits, most first; equal credits keep that order. */
export function orderSurfaces(list: Surface[], creditsOf: (surface: Surface) => number): Surface[] {
  // Stable sort: equal credits keep the canonical surface order.
  return list.sort((a, b) => creditsOf(b) - creditsOf(a));
}

function streakOf(days: Uint8Array | null): number {
  if (days === null) return 0;
  let streak = 0;
  while (streak < days.length && days[streak] === 1) streak++;
  return streak;
}

function rankKey(sortBy: RankKey): (state: UserTotals) => number {
  switch (sortBy) {
    case 'credits':
      return (s) => s.credits;
    case 'threads':
      return (s) => s.threads;
    case 'turns':
      return (s) => s.turns;
    // Unknown tokens rank below every known count, including 0.
    case 'tokens':
      return (s) => s.tokens ?? -1;
    case 'streak':
      return (s) => s.streak;
  }
}

function createState(userId: string): UserState {
  return {
    userId,
    email: null,
    emailTime: Number.NEGATIVE_INFINITY,
    credits: 0,
    threads: 0,
    turns: 0,
    tokens: null,
    active: false,
    surfaceCredits: new Float64Array(surfaces.length),
    surfaceMask: 0,
    days: null,
    streak: 0,
  };
}
