/**
 * When a weekly subscription is due, read in its own time zone (the issue: "delivery at each
 * subscription's local time, correct across DST changes"), and which week a delivery covers. Pure, and
 * on the ground floor: the scheduler delivers by it and `/codex digest subscribe` tells people the next
 * run by it (issue 10).
 */

import type { DigestDay } from './digest-days.js';
import { lastClosedWeek } from './utc-days.js';
import { addDays, instantOfWallTime, type WallTime, wallTimeAt, weekdayOf } from './wall-clock.js';

/** When a subscription is due: the part of it the scheduler reads. */
export interface DigestSchedule {
  day: DigestDay;
  /** Local `HH:MM`, 24-hour, zero-padded. */
  time: string;
  /** IANA zone the day and time are read in (DST-correct). */
  timeZone: string;
}

const weekday: Record<DigestDay, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** The schedule's due instants on local dates `today + from … today + to`, oldest first. */
function dueInstants(schedule: DigestSchedule, now: Date, from: number, to: number): Date[] {
  const match = /^(\d{2}):(\d{2})$/.exec(schedule.time);
  if (!match) throw new RangeError(`time must be HH:MM, got '${schedule.time}'`);
  const today = wallTimeAt(now, schedule.timeZone);
  const at: WallTime = { ...today, hour: Number(match[1]), minute: Number(match[2]) };
  const instants: Date[] = [];
  for (let k = from; k <= to; k += 1) {
    const date = addDays(at, k);
    if (weekdayOf(date) === weekday[schedule.day]) instants.push(instantOfWallTime(date, schedule.timeZone));
  }
  return instants;
}

/**
 * The most recent due instant at or before `now`. A week back covers the whole cycle; one local day
 * ahead is looked at too because, in a fold at midnight, tomorrow's first occurrence can precede `now`.
 */
export function lastDueAt(schedule: DigestSchedule, now: Date): Date {
  const past = dueInstants(schedule, now, -8, 1).filter((d) => d.getTime() <= now.getTime());
  const last = past.at(-1);
  if (!last) throw new Error(`no due time for ${schedule.day} ${schedule.time} ${schedule.timeZone}`);
  return last;
}

/** The first due instant strictly after `now`. */
export function nextDueAfter(schedule: DigestSchedule, now: Date): Date {
  const next = dueInstants(schedule, now, -1, 8).find((d) => d.getTime() > now.getTime());
  if (!next) throw new Error(`no due time for ${schedule.day} ${schedule.time} ${schedule.timeZone}`);
  return next;
}

/**
 * The period a delivery due at `dueAt` covers, as the exactly-once key's `periodStart`: Unix seconds of
 * the Monday 00:00 UTC that starts the last closed Monday–Sunday UTC week before `dueAt` — the same
 * week `analytics.digest(dueAt)` reports, since both use `lastClosedWeek`.
 */
export function periodFor(dueAt: Date): number {
  return lastClosedWeek(dueAt).start;
}
