import type { TimeWindow } from '../figures/figure-types.js';

const DAY = 86_400;

/** 00:00 UTC of `now`'s day, in Unix seconds. */
function startOfDay(now: Date): number {
  return Math.floor(now.getTime() / 1000 / DAY) * DAY;
}

/** The last `days` complete UTC days before today (end exclusive at today 00:00 UTC). */
export function lastCompleteDays(now: Date, days: number): TimeWindow {
  const end = startOfDay(now);
  return { start: end - days * DAY, end };
}

/** The last closed Monday–Sunday week (UTC) before `now`: what App Home and the digest show. */
export function lastCompleteWeek(now: Date): TimeWindow {
  const today = startOfDay(now);
  // getUTCDay: Sunday 0 … Saturday 6; days since Monday is (day + 6) % 7.
  const monday = today - ((new Date(today * 1000).getUTCDay() + 6) % 7) * DAY;
  return { start: monday - 7 * DAY, end: monday };
}
