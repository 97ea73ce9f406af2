/**
 * What the Slack edge can read about the warehouse's sync (issue 11: "Backfill shows progress … in Slack
 * ('loading history: 40%') instead of a silent wait"). The sync scheduler inside `serve` implements it;
 * App Home and answers read it and say `describeSyncStatus`'s line while history is loading.
 */
import type { SyncKind, SyncRun } from '../warehouse/warehouse.js';

export interface SyncStatus {
  /** A sync is running: in this process, or on another replica holding the lock (then `fraction` is null). */
  running: boolean;
  /** What is running: a backfill (history loading) or the trailing days; null when unknown or idle. */
  kind: SyncKind | null;
  /** How far the running sync is, 0..1; null when idle or running on another replica. */
  fraction: number | null;
  /** The newest run this process finished (any outcome), or null. */
  lastRun: SyncRun | null;
}

export interface SyncStatusSource {
  /** The current status; cheap and synchronous (no I/O), so every answer can ask. */
  syncStatus(): SyncStatus;
}

/**
 * "loading history: 40%" while a backfill runs here, "loading history…" while another replica holds the
 * lock before any history exists, null otherwise: a sync of the trailing days is not worth a line.
 */
export function describeSyncStatus(status: SyncStatus): string | null {
  if (!status.running) return null;
  if (status.kind === 'backfill') {
    return status.fraction === null
      ? 'loading history…'
      : `loading history: ${Math.floor(status.fraction * 100)}%`;
  }
  return null;
}
