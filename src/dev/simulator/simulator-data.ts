/**
 * The generated dataset of one simulator: the org, its lazily cached user profiles, and a memo of
 * workspace-level day aggregates. Rows themselves are generated per request and never stored.
 */
import { isSettled, userVisibleFraction } from './late-rows.js';
import type { SimulatedOrg } from './simulated-org.js';
import { addRecord, emptyRecord, type UsageRecord } from './usage-record.js';
import { userDayUsage } from './usage-rows.js';
import { createProfileCache, type UserProfile } from './user-profiles.js';

export interface SimulatorData {
  org: SimulatedOrg;
  profile(index: number): UserProfile;
  /**
   * The workspace's usage on `day` as the API shows it at `now`: the sum of every user's row. It costs
   * a pass over all users, so settled days (past the late window, which never change) are memoised;
   * the running day and days still gaining late rows are recomputed. Callers must not mutate the result.
   */
  workspaceDay(day: number, now: number): UsageRecord;
  /** Forgets a finished day's memo: its factor changed (a spike injected while running). */
  restate(day: number): void;
}

/** Wraps an org with its caches. */
export function createSimulatorData(org: SimulatedOrg): SimulatorData {
  const profile = createProfileCache(org);
  const finished = new Map<number, UsageRecord>();
  return {
    org,
    profile,
    workspaceDay(day, now) {
      const settled = isSettled(day, now);
      const memo = settled ? finished.get(day) : undefined;
      if (memo) return memo;
      const total = emptyRecord();
      for (let i = 0; i < org.users; i++) {
        const row = userDayUsage(org, profile(i), day, userVisibleFraction(org, i, day, now));
        if (row) addRecord(total, row);
      }
      if (settled) finished.set(day, total);
      return total;
    },
    restate(day) {
      finished.delete(day);
    },
  };
}
