/**
 * Each Codex user's activity as team figures need it (issue 12): when they were first and last active
 * up to a window's end, whether they were active in the window, and their credits in it. Computed here
 * from rows, or by the warehouse in SQL (WarehouseTeams.userActivity) — one row per user instead of
 * a year of daily rows; the contract tests hold the two equal.
 */
import { userIdOf } from '../codex/row-identity.js';
import type { TimeWindow } from '../domain/utc-days.js';
import { isActive } from './usage-accumulator.js';
import type { UsageRows } from './usage-rows.js';

export interface UserActivity {
  userId: string;
  /** Start of the first and last bucket with activity before the window's end (Unix seconds). */
  firstActive: number;
  lastActive: number;
  activeInWindow: boolean;
  /** Credits of their rows in the window. */
  credits: number;
}

/** Users with any active row before `window.end`, by user id; users never active are absent. */
export function summariseUserActivity(rows: UsageRows, window: TimeWindow): UserActivity[] {
  const byUser = new Map<string, UserActivity>();
  for (const row of rows) {
    const userId = userIdOf(row);
    if (userId === null || row.start_time >= window.end) continue;
    // The warehouse's `active` column: the totals or any client above zero.
    if (!isActive(row.totals) && !row.clients.some((client) => isActive(client))) continue;
    const inWindow = row.start_time >= window.start;
    const credits = inWindow ? row.totals.credits : 0;
    const known = byUser.get(userId);
    if (!known) {
      byUser.set(userId, {
        userId,
        firstActive: row.start_time,
        lastActive: row.start_time,
        activeInWindow: inWindow,
        credits,
      });
      continue;
    }
    known.firstActive = Math.min(known.firstActive, row.start_time);
    known.lastActive = Math.max(known.lastActive, row.start_time);
    known.activeInWindow ||= inWindow;
    known.credits += credits;
  }
  return [...byUser.values()].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}
