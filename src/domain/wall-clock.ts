/**
 * Local wall-clock time in an IANA zone, with nothing but Intl (no tz database of our own). The one
 * hard part is going from a local time back to an instant across DST changes: a spring-forward gap has
 * local times that never happen, an autumn fold has local times that happen twice.
 */

/** A local calendar date and time, fields as people write them (month 1–12). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const DAY_MS = 86_400_000;
// Building a DateTimeFormat costs far more than using one, and every tick reads every subscription's
// zone: keep one per zone (the set of zones in use is small).
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock time in `timeZone` at `at` (seconds dropped). Throws RangeError for an unknown zone. */
export function wallTimeAt(at: Date, timeZone: string): WallTime {
  const parts = formatFor(timeZone).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

/** The zone's offset from UTC at `at`, in ms (Europe/Berlin in winter: +3,600,000). */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = formatFor(timeZone).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant a local wall-clock time happens in `timeZone`.
 *  - Fold (autumn, the time happens twice): the first occurrence, so a digest never waits an extra hour.
 *  - Gap (spring, the time never happens): shifted forward by the gap's length (02:30 → 03:30 in
 *    Europe/Berlin), the usual cron and RFC 5545 reading; it is the first instant after the gap that is
 *    as far past the gap's start as the requested time was.
 * Offsets a day either side bracket the one change that can fall on a date (true for every IANA zone).
 */
export function instantOfWallTime(wall: WallTime, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const before = zoneOffsetMs(new Date(asUtc - DAY_MS), timeZone);
  const after = zoneOffsetMs(new Date(asUtc + DAY_MS), timeZone);
  const candidates = [asUtc - before, asUtc - after].filter(
    (instant) => zoneOffsetMs(new Date(instant), timeZone) === asUtc - instant,
  );
  // Both valid → fold: the earlier. None valid → gap: read the time with the offset before the change.
  return new Date(candidates.length > 0 ? Math.min(...candidates) : asUtc - before);
}

/** `wall`'s date moved by `days` (calendar arithmetic, time kept). */
export function addDays(wall: WallTime, days: number): WallTime {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day) + days * DAY_MS);
  return { ...wall, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Day of the week of `wall`'s date: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(wall: WallTime): number {
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
}
