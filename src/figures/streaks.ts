/**
 * Streaks that reach back past the start of a window. Most streaks end inside the window, so the
 * ranking first counts days within it and only then looks at older rows — and only for users active
 * on every day of the window up to the newest complete day. That keeps a 90-day history cheap: older
 * rows of everyone else are skipped after a Map lookup.
 */
import { userIdOf } from '../codex/row-identity.js';
import type { UsageRow } from '../codex/schemas.js';
import { dayNumber } from '../domain/utc-days.js';

/**
 * Adds to each candidate's `streak` the consecutive active days right before `windowStart`, found
 * in `rows` that start before it. `isActiveRow` applies the caller's activity rule (surface filter).
 */
export function extendStreaks(
  rows: Iterable<UsageRow>,
  candidates: ReadonlyMap<string, { streak: number }>,
  windowStart: number,
  isActiveRow: (row: UsageRow) => boolean,
): void {
  const olderDays = new Map<string, Set<number>>();
  for (const row of rows) {
    const userId = userIdOf(row);
    if (row.start_time >= windowStart || userId === null || !candidates.has(userId)) continue;
    if (!isActiveRow(row)) continue;
    let days = olderDays.get(userId);
    if (days === undefined) {
      days = new Set();
      olderDays.set(userId, days);
    }
    days.add(dayNumber(row.start_time));
  }
  for (const [userId, days] of olderDays) {
    const candidate = candidates.get(userId);
    if (candidate === undefined) continue;
    for (let day = dayNumber(windowStart) - 1; days.has(day); day--) candidate.streak++;
  }
}
