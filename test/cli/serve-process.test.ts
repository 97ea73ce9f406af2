/**
 * `codex-pulse serve` as its own process (the real entry, bin/codex-pulse.js), issue 9 5.3: a correctly
 * signed `payload=null` used to end the process. Now it gets a 400 and the bot keeps answering.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-command.js';
import { runCli } from '../../src/cli/main.js';
import { type FakeSlack, startFakeSlack } from '../../src/dev/fake-slack/fake-slack.js';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/start-simulator.js';
import { systemQuietTimer } from '../../src/slack/quiet-timer.js';
import { everyCommand, startSimulatedApi } from '../helpers/cli-table.js';
import { sendSigned, signedSlashCommand, slackSignature } from '../helpers/slack-signing.js';
import { TEST_NOW, testClock } from '../helpers/test-clock.js';

const SECRET = 'serve-process-secret';

function serveEnv(sim: RunningSimulator, fake: FakeSlack, dataDir: string): Record<string, string> {
  return {
    CODEX_API_BASE_URL: sim.baseUrl,
    CODEX_API_KEY: sim.apiKey,
    CODEX_WORKSPACE_ID: sim.workspaceId,
    SLACK_BOT_TOKEN: 'xoxb-serve-process',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
    SLACK_BOT_ID: 'B0FAKEBOT1',
    SLACK_BOT_USER_ID: 'U0FAKEBOT1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
  };
}

describe('serve in its own process', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('answers a signed payload=null with 400 and keeps serving; exits 0 on SIGTERM', async () => {
    const [fake, sim] = await Promise.all([
      startFakeSlack(),
      startSimulator({ users: 5, now: () => TEST_NOW }),
    ]);
    const dataDir = mkdtempSync(join(tmpdir(), 'codex-pulse-serve-process-'));
    cleanups.push(
      () => fake.close(),
      () => sim.close(),
      () => rmSync(dataDir, { recursive: true, force: true }),
    );
    const child: ChildProcess = spawn(process.execPath, ['bin/codex-pulse.js', 'serve'], {
      env: { PATH: process.env.PATH ?? '', ...serveEnv(sim, fake, dataDir) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    cleanups.push(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });

    let port: string | undefined;
    for await (const line of createInterface({ input: child.stdout ?? process.stdin })) {
      port = /port (\d+)/.exec(line)?.[1];
      if (port) break;
    }
    expect(port, stderr.join('')).toBeDefined();
    const events = `http://127.0.0.1:${port}/slack/events`;

    const timestamp = Math.floor(Date.now() / 1000);
    const body = 'payload=null';
    const hostile = await sendSigned(events, {
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(SECRET, timestamp, body),
      },
    });
    await hostile.text();
    expect(hostile.status).toBe(400);

    // Still alive and still answering: a command, and the health check.
    const responseUrl = fake.responseUrl();
    const answered = fake.waitForResponse((r) => r.url === responseUrl && r.body.replace_original === true);
    const ack = await sendSigned(
      events,
      signedSlashCommand({ text: 'help', response_url: responseUrl }, { secret: SECRET }),
    );
    await ack.text();
    expect(ack.status).toBe(200);
    expect((await answered).body.text).toBeTruthy();
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(stderr.join('')).toContain('slack_request_invalid');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});

describe('serve and unhandled rejections', () => {
  it('listens for them while serving and stops listening when it stops', async () => {
    const [fake, sim] = await Promise.all([
      startFakeSlack(),
      startSimulator({ users: 5, now: () => TEST_NOW }),
    ]);
    const dataDir = mkdtempSync(join(tmpdir(), 'codex-pulse-serve-guard-'));
    const stop = new AbortController();
    const listeners = new Set<(reason: unknown) => void>();
    let announce: () => void = () => {};
    const announced = new Promise<void>((resolve) => {
      announce = resolve;
    });
    const io: CliIo = {
      stdout: () => announce(),
      stderr: () => {},
      stopSignal: stop.signal,
      startSimulatedApi,
      clock: testClock(),
      quietTimer: systemQuietTimer,
      env: { ...serveEnv(sim, fake, dataDir), LOG_LEVEL: 'error' },
      onUnhandledRejection: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    try {
      const exit = runCli(['serve'], io, everyCommand);
      await announced;
      expect(listeners.size).toBe(1);
      // What Node would do with a stray rejection: the listener logs it and serving goes on.
      for (const listener of listeners) listener(new TypeError('stray'));
      stop.abort();
      expect(await exit).toBe(0);
      expect(listeners.size).toBe(0);
    } finally {
      await fake.close();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
