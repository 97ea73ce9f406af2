/**
 * The freshness footer of an answer from the warehouse (issue 11): "synced 2 h ago · data through Sun
 * 29 Nov". Pure: the warehouse's freshness and the injected clock's now in, text out.
 */
import type { WarehouseFreshness } from './warehouse.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function age(ms: number): string {
  if (ms < MINUTE) return 'just now';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min ago`;
  if (ms < 48 * HOUR) return `${Math.floor(ms / HOUR)} h ago`;
  return `${Math.floor(ms / (24 * HOUR))} days ago`;
}

/** "Sun 29 Nov" for the UTC day starting at `seconds`. */
function shortDay(seconds: number): string {
  return new Date(seconds * 1000).toLocaleDateString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

/** "synced 2 h ago · data through Sun 29 Nov", or "not synced yet". */
export function describeFreshness(freshness: WarehouseFreshness, now: Date): string {
  if (freshness.lastSyncAt === null) return 'not synced yet';
  const synced = `synced ${age(Math.max(0, now.getTime() - freshness.lastSyncAt.getTime()))}`;
  return freshness.dataThrough === null
    ? synced
    : `${synced} · data through ${shortDay(freshness.dataThrough)}`;
}
