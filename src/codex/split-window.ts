/**
 * Splits a window into bucket-aligned sub-windows for concurrent paging. Cutting only on bucket
 * boundaries (UTC midnight for days, Monday 00:00 UTC for weeks — the contract's assumption) keeps
 * every bucket whole inside one sub-window, so the concatenated result equals one sequential pull.
 */

const DAY = 86_400;
const WEEK = 7 * DAY;
/** 1970-01-05 was a Monday: week boundaries are MONDAY_OFFSET + k·WEEK. */
const MONDAY_OFFSET = 4 * DAY;

/** A sub-window, Unix seconds, end exclusive. */
export interface TimeWindow {
  startTime: number;
  endTime: number;
}

/**
 * One sub-window per bucket (the finest cut: it maximises parallelism and keeps each sub-window — the
 * unit that may have to be buffered — as small as the API allows). Unaligned edges give a partial
 * first/last sub-window, exactly as the whole query would see them.
 */
export function splitWindow(window: TimeWindow, groupBy: 'day' | 'week' = 'day'): TimeWindow[] {
  const size = groupBy === 'week' ? WEEK : DAY;
  const offset = groupBy === 'week' ? MONDAY_OFFSET : 0;
  const out: TimeWindow[] = [];
  let start = window.startTime;
  while (start < window.endTime) {
    const nextBoundary = Math.floor((start - offset) / size) * size + offset + size;
    const end = Math.min(nextBoundary, window.endTime);
    out.push({ startTime: start, endTime: end });
    start = end;
  }
  return out;
}
