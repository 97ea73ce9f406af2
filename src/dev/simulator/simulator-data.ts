/**
 * The generated dataset of one simulator: the org, its lazily cached user profiles, and a memo of
 * workspace-level day aggregates. Rows themselves are generated per request and never stored.
 */
import type { SimulatedOrg } from './simulated-org.js';
import { addRecord, emptyRecord, type UsageRecord } from './usage-record.js';
import { userDayUsage } from './usage-rows.js';
import { createProfileCache, type UserProfile } from './user-profiles.js';

export interface SimulatorData {
  org: SimulatedOrg;
  profile(index: number): UserProfile;
  /**
   * The workspace's usage on `day`: the sum of every user's row. It costs a pass over all users, so
   * finished days (fraction 1, which never change) are memoised; the running day is recomputed.
   * Callers must not mutate the returned record.
   */
  workspaceDay(day: number, fraction: number): UsageRecord;
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
    workspaceDay(day, fraction) {
      const memo = fraction >= 1 ? finished.get(day) : undefined;
      if (memo) return memo;
      const total = emptyRecord();
      if (fraction > 0) {
        for (let i = 0; i < org.users; i++) {
          const row = userDayUsage(org, profile(i), day, fraction);
          if (row) addRecord(total, row);
        }
      }
      if (fraction >= 1) finished.set(day, total);
      return total;
    },
    restate(day) {
      finished.delete(day);
    },
  };
}
