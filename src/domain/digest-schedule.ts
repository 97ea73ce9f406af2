/**
 * When a subscription is due, read in its own time zone (the issue: "delivery at each subscription's
 * local time, correct across DST changes"), and which period a delivery covers. Weekly digests are due
 * every week on their day; monthly and quarterly ones (issue 11 §3) at the first slot of their day and
 * time in the new period — the first Monday 09:00 of the month, say — once the period before it has
 * closed in UTC. Pure, and on the ground floor: the scheduler delivers by it and `/codex digest
 * subscribe` tells people the next run by it (issue 10).
 */

import { cadencePeriod, type DigestCadence } from './digest-cadence.js';
import type { DigestDay } from './digest-days.js';
import { lastClosedWeek, toUnixSeconds } from './utc-days.js';
import { addMonths, type CalendarPeriod, lastClosedPeriod, periodContaining } from './utc-months.js';
import { addDays, instantOfWallTime, type WallTime, wallTimeAt, weekdayOf } from './wall-clock.js';

/** When a subscription is due: the part of it the scheduler reads. */
export interface DigestSchedule {
  day: DigestDay;
  /** Local `HH:MM`, 24-hour, zero-padded. */
  time: string;
  /** IANA zone the day and time are read in (DST-correct). */
  timeZone: string;
  cadence: DigestCadence;
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
  const period = cadencePeriod(schedule.cadence);
  if (period !== null) {
    const current = periodContaining(toUnixSeconds(now), period).start;
    const due = firstSlotFrom(schedule, current);
    return due.getTime() <= now.getTime() ? due : firstSlotFrom(schedule, stepPeriod(current, period, -1));
  }
  const past = dueInstants(schedule, now, -8, 1).filter((d) => d.getTime() <= now.getTime());
  const last = past.at(-1);
  if (!last) throw new Error(`no due time for ${schedule.day} ${schedule.time} ${schedule.timeZone}`);
  return last;
}

/** The first due instant strictly after `now`. */
export function nextDueAfter(schedule: DigestSchedule, now: Date): Date {
  const period = cadencePeriod(schedule.cadence);
  if (period !== null) {
    const current = periodContaining(toUnixSeconds(now), period).start;
    const due = firstSlotFrom(schedule, current);
    return due.getTime() > now.getTime() ? due : firstSlotFrom(schedule, stepPeriod(current, period, 1));
  }
  const next = dueInstants(schedule, now, -1, 8).find((d) => d.getTime() > now.getTime());
  if (!next) throw new Error(`no due time for ${schedule.day} ${schedule.time} ${schedule.timeZone}`);
  return next;
}

/**
 * The first due instant of the schedule's day and time at or after `periodStart` (Unix seconds, 00:00
 * UTC): the first slot of a new month or quarter. Read in the subscription's zone, so a zone ahead of
 * UTC whose slot falls before the period has begun in UTC waits for the next week's slot — a digest
 * never reports a month that has not closed everywhere its figures are counted (UTC).
 */
function firstSlotFrom(schedule: DigestSchedule, periodStart: number): Date {
  const start = new Date(periodStart * 1000);
  const due = dueInstants(schedule, start, -1, 14).find((d) => d.getTime() >= start.getTime());
  if (!due) throw new Error(`no due time for ${schedule.day} ${schedule.time} ${schedule.timeZone}`);
  return due;
}

function stepPeriod(start: number, period: CalendarPeriod, steps: number): number {
  return addMonths(start, steps * (period === 'month' ? 1 : 3));
}

/**
 * The period a delivery due at `dueAt` covers, as the exactly-once key's `periodStart`: Unix seconds of
 * the start of the last closed period before `dueAt` — the Monday 00:00 UTC of the last closed week
 * (the week `analytics.digest(dueAt)` reports, since both use `lastClosedWeek`), or the first of the
 * last closed month or quarter.
 */
export function periodFor(dueAt: Date, cadence: DigestCadence): number {
  const period = cadencePeriod(cadence);
  return period === null ? lastClosedWeek(dueAt).start : lastClosedPeriod(dueAt, period).start;
}
