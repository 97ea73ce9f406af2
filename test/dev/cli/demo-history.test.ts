import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/cli-command.js';
import { loadConfig } from '../../../src/config/env.js';
import { syncDemoHistory } from '../../../src/dev/cli/demo-history.js';
import { systemQuietTimer } from '../../../src/slack/quiet-timer.js';
import { openWarehouse } from '../../../src/warehouse/open-warehouse.js';
import { startSimulatedApi } from '../../helpers/cli-table.js';
import { createMemoryLogger } from '../../helpers/memory-logger.js';
import { testClock } from '../../helpers/test-clock.js';

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'codex-pulse-demo-history-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe('the demo history', () => {
  it('syncs 270 days without a gap between the runs’ windows, every day of them held', async () => {
    const clock = testClock();
    const err: string[] = [];
    const io: CliIo = {
      stdout: () => {},
      stderr: (t) => err.push(t),
      env: { DATA_DIR: dataDir, WAREHOUSE_THREADS: '1' },
      stopSignal: new AbortController().signal,
      clock,
      quietTimer: systemQuietTimer,
      startSimulatedApi,
    };
    const config = loadConfig(io.env);
    const history = await syncDemoHistory(io, config, { users: 30, logger: createMemoryLogger() });
    expect(history.failed).toBeNull();
    expect(history.runs.map((run) => run.kind)).toEqual(['backfill', 'incremental', 'incremental']);
    for (const [i, run] of history.runs.entries()) {
      const previous = history.runs[i - 1];
      if (previous) expect(run.window.start).toBeLessThanOrEqual(previous.window.end);
    }
    expect([history.first, history.last]).toEqual(['2026-02-27', '2026-11-24']);
    expect(err.join('')).toContain('sync: loading history');

    const warehouse = await openWarehouse(config.warehouse, { clock, logger: createMemoryLogger() });
    try {
      const rows = await warehouse.userUsageRows({
        start: Date.parse('2026-02-27T00:00:00Z') / 1000,
        end: Date.parse('2026-11-25T00:00:00Z') / 1000,
      });
      const days = [...new Set(rows.map((row) => row.start_time))].sort((a, b) => a - b);
      // The simulated org adopted Codex on a fixed day (quiet days then, weekends): no hole of a week or
      // more, where syncs 120 days apart would leave 30 days empty.
      const holes = days.slice(1).map((day, i) => (day - (days[i] ?? day)) / 86_400 - 1);
      expect(Math.max(...holes)).toBeLessThan(7);
      expect(days.at(-1)).toBe(Date.parse('2026-11-24T00:00:00Z') / 1000);
      expect(days.length).toBeGreaterThan(100);
      // History starts where the first sync started, not at the org's first active day (issue 11 §3):
      // the days before that were synced, with nobody active on them.
      expect(days[0]).toBeGreaterThan(Date.parse('2026-02-27T00:00:00Z') / 1000);
      expect((await warehouse.freshness()).historyStart).toBe(Date.parse('2026-02-27T00:00:00Z') / 1000);
    } finally {
      await warehouse.close();
    }
  });
});
