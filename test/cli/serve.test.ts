import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-command.js';
import { runCli } from '../../src/cli/main.js';
import { startFakeSlack } from '../../src/dev/fake-slack/fake-slack.js';
import { startSimulator } from '../../src/dev/simulator/start-simulator.js';
import { systemQuietTimer } from '../../src/slack/quiet-timer.js';
import { openWarehouse } from '../../src/warehouse/open-warehouse.js';
import { everyCommand, startSimulatedApi } from '../helpers/cli-table.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { TEST_NOW, testClock } from '../helpers/test-clock.js';

function captureIo(env: NodeJS.ProcessEnv): CliIo & { err: string[] } {
  const err: string[] = [];
  return {
    err,
    stdout: () => {},
    stderr: (t) => err.push(t),
    env,
    stopSignal: AbortSignal.abort(),
    startSimulatedApi,
    clock: testClock(),
    quietTimer: systemQuietTimer,
  };
}

describe('codex-pulse serve configuration', () => {
  it('lists every missing setting at once and exits 78', async () => {
    const io = captureIo({});
    expect(await runCli(['serve'], io, everyCommand)).toBe(78);
    const stderr = io.err.join('');
    for (const name of ['CODEX_API_KEY', 'CODEX_WORKSPACE_ID', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'])
      expect(stderr).toContain(name);
  });

  it('reports malformed values without echoing them', async () => {
    const io = captureIo({
      CODEX_API_KEY: 'sk-secret-value',
      CODEX_WORKSPACE_ID: 'ws-1',
      SLACK_BOT_TOKEN: 'not-a-bot-token',
      SLACK_SIGNING_SECRET: 'secret',
      PORT: 'eighty',
    });
    expect(await runCli(['serve'], io, everyCommand)).toBe(78);
    const stderr = io.err.join('');
    expect(stderr).toContain('SLACK_BOT_TOKEN');
    expect(stderr).toContain('PORT');
    expect(stderr).not.toContain('not-a-bot-token');
    expect(stderr).not.toContain('sk-secret-value');
  });
});

describe('codex-pulse serve lifecycle', () => {
  it('serves /healthz, /readyz and /metrics over HTTP and exits 0 when asked to stop', async () => {
    const [fake, sim] = await Promise.all([
      startFakeSlack(),
      startSimulator({ users: 5, now: () => TEST_NOW }),
    ]);
    const stop = new AbortController();
    const dataDir = mkdtempSync(join(tmpdir(), 'codex-pulse-serve-'));
    let announce: (line: string) => void = () => {};
    const announced = new Promise<string>((resolve) => {
      announce = resolve;
    });
    const io: CliIo = {
      stdout: (t) => announce(t),
      stderr: () => {},
      stopSignal: stop.signal,
      startSimulatedApi,
      clock: testClock(),
      quietTimer: systemQuietTimer,
      env: {
        CODEX_API_BASE_URL: sim.baseUrl,
        CODEX_API_KEY: sim.apiKey,
        CODEX_WORKSPACE_ID: sim.workspaceId,
        SLACK_BOT_TOKEN: 'xoxb-serve-test',
        SLACK_SIGNING_SECRET: 'serve-secret',
        SLACK_API_URL: fake.url,
        SLACK_BOT_ID: 'B0FAKEBOT1',
        SLACK_BOT_USER_ID: 'U0FAKEBOT1',
        PORT: '0',
        LOG_LEVEL: 'error',
        // serve opens the digest store: keep it out of the working tree.
        DATA_DIR: dataDir,
      },
    };
    try {
      const exit = runCli(['serve'], io, everyCommand);
      const port = /port (\d+)/.exec(await announced)?.[1];
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      // serve wires the store it opened into readiness and its composition's registry into /metrics.
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([200, { ok: true }]);
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(text).toContain('# TYPE codex_pulse_commands_total counter');
      expect(text).toContain('# TYPE codex_pulse_sync_runs_total counter');
      stop.abort();
      expect(await exit).toBe(0);
      // The empty warehouse was synced at start: one backfill, finished or aborted by the stop.
      const warehouse = await openWarehouse(
        { dataDir, memoryLimitMb: 128, threads: 1 },
        { clock: testClock(), logger: createMemoryLogger() },
      );
      try {
        const runs = await warehouse.syncRuns(10);
        expect(runs.map((run) => run.kind)).toEqual(['backfill']);
        expect([
          ['ok', null],
          ['failed', 'sync_aborted'],
        ]).toContainEqual([runs[0]?.outcome, runs[0]?.errorCode]);
        // The identity refresh looked at start too (issue 12): recorded, whether it finished or was stopped.
        expect(await warehouse.teams.lastRefresh()).not.toBeNull();
      } finally {
        await warehouse.close();
      }
      // Skipping auth.test with both bot ids configured: the fake saw no call at start-up.
      expect(fake.calls.map((c) => c.method)).not.toContain('auth.test');
    } finally {
      await fake.close();
      await sim.close();
    }
  });
});
