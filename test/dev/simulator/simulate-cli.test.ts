import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/cli-command.js';
import { runCli } from '../../../src/cli/main.js';
import { devCommands } from '../../../src/dev/cli/dev-commands.js';
import { simulateCommand } from '../../../src/dev/cli/simulate.js';
import { systemQuietTimer } from '../../../src/slack/quiet-timer.js';
import { startSimulatedApi } from '../../helpers/cli-table.js';
import { testClock } from '../../helpers/test-clock.js';

function captureIo(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const controller = new AbortController();
  let printed: (line: string) => void = () => {};
  const firstLine = new Promise<string>((resolve) => {
    printed = resolve;
  });
  const io: CliIo = {
    stdout: (t) => {
      out.push(t);
      printed(t);
    },
    stderr: (t) => err.push(t),
    env,
    stopSignal: controller.signal,
    startSimulatedApi,
    clock: testClock(),
    quietTimer: systemQuietTimer,
  };
  return { io, out, err, firstLine, stop: () => controller.abort() };
}

/** Runs `simulate` until it prints its line, then returns the printed base URL and the exit promise. */
async function runUntilListening(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const cap = captureIo({ LOG_LEVEL: 'error', ...env });
  const exit = runCli(['simulate', ...argv], cap.io, [simulateCommand]);
  const line = await Promise.race([cap.firstLine, exit.then((code) => `exited early with ${code}`)]);
  const baseUrl = /CODEX_API_BASE_URL=(\S+)/.exec(line)?.[1] ?? '';
  return { ...cap, line, baseUrl, exit };
}

describe('codex-pulse simulate', () => {
  it('is registered', () => {
    expect(devCommands).toContain(simulateCommand);
  });

  it('prints the base URL and demo credentials, serves data, and exits 0 when stopped', async () => {
    const run = await runUntilListening(['--users', '50', '--seed', 'cli']);
    expect(run.line).toMatch(
      /^Codex Analytics API simulator: CODEX_API_BASE_URL=http:\/\/127\.0\.0\.1:\d+\/v1\/analytics\/codex CODEX_API_KEY=demo-key CODEX_WORKSPACE_ID=ws-demo\n$/,
    );
    const response = await fetch(`${run.baseUrl}/workspaces/ws-demo/usage?limit=2`, {
      headers: { Authorization: 'Bearer demo-key' },
    });
    expect(response.status).toBe(200);
    run.stop();
    expect(await run.exit).toBe(0);
    await expect(fetch(`${run.baseUrl}/workspaces/ws-demo/usage`)).rejects.toThrow();
  });

  it('serves the workspace as of --now: days after it have no rows yet, days before it do', async () => {
    const run = await runUntilListening(['--users', '20', '--now', '2026-09-15T12:00:00Z']);
    const rowsOn = async (day: string) => {
      const start = Date.parse(`${day}T00:00:00Z`) / 1000;
      const url = `${run.baseUrl}/workspaces/ws-demo/usage?start_time=${start}&end_time=${start + 86_400}&limit=1000`;
      const response = await fetch(url, { headers: { Authorization: 'Bearer demo-key' } });
      expect(response.status).toBe(200);
      return ((await response.json()) as { data: unknown[] }).data.length;
    };
    expect(await rowsOn('2026-09-10')).toBeGreaterThan(0);
    expect(await rowsOn('2026-09-20')).toBe(0);
    run.stop();
    expect(await run.exit).toBe(0);
  });

  it('uses CODEX_API_KEY / CODEX_WORKSPACE_ID from the environment without echoing the key', async () => {
    const run = await runUntilListening(['--rate-429', '1'], {
      CODEX_API_KEY: 'sk-secret',
      CODEX_WORKSPACE_ID: 'ws-1',
    });
    expect(run.line).not.toContain('sk-secret');
    expect(run.line).toContain('CODEX_WORKSPACE_ID=ws-1');
    const response = await fetch(`${run.baseUrl}/workspaces/ws-1/usage`, {
      headers: { Authorization: 'Bearer sk-secret' },
    });
    expect(response.status).toBe(429);
    run.stop();
    expect(await run.exit).toBe(0);
  });

  it('takes defaults from SIMULATOR_* and lets flags override them', async () => {
    const run = await runUntilListening(['--rate-5xx', '0'], {
      SIMULATOR_RATE_5XX: '1',
      SIMULATOR_USERS: '10',
    });
    const response = await fetch(`${run.baseUrl}/workspaces/ws-demo/code_reviews`, {
      headers: { Authorization: 'Bearer demo-key' },
    });
    expect(response.status).toBe(200);
    run.stop();
    expect(await run.exit).toBe(0);
  });

  it.each([
    [['--users', '0'], '--users'],
    [['--users', 'many'], '--users'],
    [['--port', '70000'], '--port'],
    [['--rate-429', '1.5'], '--rate-429'],
    [['--rate-malformed', 'x'], '--rate-malformed'],
    [['--latency-ms', '-1'], '--latency-ms'],
    [['--seed', ''], '--seed'],
    [['--now', 'yesterday'], '--now'],
  ])('rejects %j with a friendly usage error (exit 2)', async (argv, flag) => {
    const cap = captureIo();
    expect(await runCli(['simulate', ...argv], cap.io, [simulateCommand])).toBe(2);
    expect(cap.err.join('')).toContain(flag);
    expect(cap.out).toEqual([]);
  });

  it('reports invalid SIMULATOR_* env as a config error (exit 78)', async () => {
    const cap = captureIo({ SIMULATOR_RATE_429: '2' });
    expect(await runCli(['simulate'], cap.io, [simulateCommand])).toBe(78);
    expect(cap.err.join('')).toContain('SIMULATOR_RATE_429');
  });
});
