/**
 * `codex-pulse sync` end to end: config from the env, the in-process simulator when no key is set, the
 * embedded warehouse in DATA_DIR, progress on stderr (a bar on a terminal, a line per phase elsewhere).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-command.js';
import { runCli } from '../../src/cli/main.js';
import { commands } from '../../src/cli/registry.js';
import { syncCommand } from '../../src/cli/sync.js';
import { systemQuietTimer } from '../../src/slack/quiet-timer.js';
import { everyCommand, startSimulatedApi } from '../helpers/cli-table.js';
import { testClock } from '../helpers/test-clock.js';

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'codex-pulse-sync-cli-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

async function sync(argv: string[], options: { tty?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    stderrIsTTY: options.tty ?? false,
    env: { DATA_DIR: dataDir, SIMULATOR_USERS: '15', WAREHOUSE_THREADS: '1' },
    stopSignal: new AbortController().signal,
    clock: testClock(),
    quietTimer: systemQuietTimer,
    startSimulatedApi,
  };
  const code = await runCli(['sync', ...argv], io, everyCommand);
  return { code, out: out.join(''), err: err.join('') };
}

describe('codex-pulse sync', () => {
  it('is registered', () => {
    expect(commands).toContain(syncCommand);
  });

  it('backfills from the simulator, then syncs the recent days as of --at', async () => {
    const first = await sync([]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Sync ok \(backfill 2026-08-26\.\.2026-11-24\): 94 requests, [\d,]+ rows/);
    expect(first.out).toContain('synced just now · data through Sun 22 Nov');
    expect(first.err).toContain('built-in simulator');
    // Not a terminal: one line per phase, no carriage returns.
    expect(first.err).toContain('sync: loading history: per-user usage');
    expect(first.err).not.toContain('\r');

    const next = await sync(['--at', '2026-11-25T13:00:00Z'], { tty: true });
    expect(next.code).toBe(0);
    expect(next.out).toMatch(/^Sync ok \(incremental 2026-11-19\.\.2026-11-25\): 10 requests/);
    expect(next.out).toContain('data through Tue 24 Nov');
    expect(next.err).toMatch(/\r\[#+\.*\] +\d+% syncing recent days/);
    expect(next.err).toContain('100%');
  });

  it('rejects an --at that is not an ISO time', async () => {
    const result = await sync(['--at', 'yesterday']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--at expects an ISO time');
  });
});
