import { describe, expect, it } from 'vitest';
import { isSyncDue, SYNC_RETRY_MS, type SyncHistory } from '../../src/sync/sync-due.js';
import { describeSyncStatus } from '../../src/sync/sync-status.js';
import type { SyncRun } from '../../src/warehouse/warehouse.js';

const HOUR = 3_600_000;
const now = new Date('2026-11-24T10:00:00Z');
const policy = { intervalMs: 6 * HOUR, retryMs: SYNC_RETRY_MS };

function run(hoursAgo: number, outcome: SyncRun['outcome'], errorCode: string | null = null): SyncRun {
  const startedAt = new Date(now.getTime() - hoursAgo * HOUR);
  return {
    id: `run-${hoursAgo}-${outcome}`,
    kind: 'incremental',
    startedAt,
    finishedAt: startedAt,
    window: { start: 0, end: 86_400 },
    requests: 1,
    rows: 1,
    outcome,
    errorCode,
    error: null,
  };
}
const history = (lastSuccess: SyncRun | null, lastAttempt: SyncRun | null = lastSuccess): SyncHistory => ({
  lastSuccess,
  lastAttempt,
});

describe('isSyncDue', () => {
  it('is due on an empty warehouse and once the last success is an interval old', () => {
    expect(isSyncDue(history(null), now, policy)).toBe(true);
    expect(isSyncDue(history(run(5.9, 'ok')), now, policy)).toBe(false);
    expect(isSyncDue(history(run(6, 'ok')), now, policy)).toBe(true);
  });

  it('waits the retry delay after a failure, but not after a stop', () => {
    const stale = run(7, 'ok');
    expect(isSyncDue(history(stale, run(0.2, 'failed', 'codex_unreachable')), now, policy)).toBe(false);
    expect(isSyncDue(history(stale, run(0.25, 'failed', 'codex_unreachable')), now, policy)).toBe(true);
    expect(isSyncDue(history(null, run(0.01, 'failed', 'sync_aborted')), now, policy)).toBe(true);
    // A run left `running` by a crashed process counts as an attempt.
    expect(isSyncDue(history(null, run(0.1, 'running')), now, policy)).toBe(false);
  });

  it('counts a success dated after now (a clock moved back) as recent', () => {
    expect(isSyncDue(history(run(-2, 'ok')), now, policy)).toBe(false);
  });
});

describe('describeSyncStatus', () => {
  const idle = { running: false, kind: null, fraction: null, lastRun: null } as const;
  it('speaks only while history loads', () => {
    expect(describeSyncStatus(idle)).toBeNull();
    expect(describeSyncStatus({ ...idle, running: true, kind: 'backfill', fraction: 0.404 })).toBe(
      'loading history: 40%',
    );
    expect(describeSyncStatus({ ...idle, running: true, kind: 'backfill' })).toBe('loading history…');
    expect(describeSyncStatus({ ...idle, running: true, kind: 'incremental', fraction: 0.5 })).toBeNull();
  });
});
