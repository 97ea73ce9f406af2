import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-command.js';
import { runCli } from '../../src/cli/main.js';
import { createManualClock } from '../../src/clock.js';
import { type FakeSlack, startFakeSlack } from '../../src/dev/fake-slack/fake-slack.js';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/start-simulator.js';
import type { DigestDay } from '../../src/domain/digest-days.js';
import { systemQuietTimer } from '../../src/slack/quiet-timer.js';
import { openStore } from '../../src/store/open-store.js';
import type { Subscription } from '../../src/store/store-types.js';
import { everyCommand, startSimulatedApi } from '../helpers/cli-table.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { TEST_NOW, testClock } from '../helpers/test-clock.js';

const days: DigestDay[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function io(env: NodeJS.ProcessEnv): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const stop = new AbortController();
  return {
    out,
    err,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env,
    stopSignal: stop.signal,
    startSimulatedApi,
    clock: testClock(),
    quietTimer: systemQuietTimer,
  };
}

describe('codex-pulse digest run', () => {
  let sim: RunningSimulator;
  let fake: FakeSlack;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let sub: Subscription;
  // The CLI's clock (io.clock) and the simulator both stand at TEST_NOW, on the minute: due "now".
  const at = TEST_NOW;
  const posts = () => fake.calls.filter((c) => c.method === 'chat.postMessage');

  beforeAll(async () => {
    [sim, fake] = await Promise.all([startSimulator({ users: 60, now: () => TEST_NOW }), startFakeSlack()]);
    dataDir = await mkdtemp(join(tmpdir(), 'codex-pulse-digest-cli-'));
    const store = await openStore({
      dataDir,
      logger: createMemoryLogger(),
      clock: createManualClock(new Date(at.getTime() - 14 * 86_400_000)),
    });
    sub = await store.subscriptions.create({
      teamId: 'T0FAKE0001',
      channelId: 'C0CLIRUN01',
      ownerUserId: 'U0OWNER001',
      day: days[at.getUTCDay()] ?? 'mon',
      time: at.toISOString().slice(11, 16),
      timeZone: 'UTC',
      style: 'leadership',
      cadence: 'weekly',
    });
    await store.close();
    env = {
      CODEX_API_BASE_URL: sim.baseUrl,
      CODEX_API_KEY: sim.apiKey,
      CODEX_WORKSPACE_ID: sim.workspaceId,
      SLACK_BOT_TOKEN: 'xoxb-cli-test',
      SLACK_API_URL: fake.url,
      DATA_DIR: dataDir,
      CHART_RENDERER: 'none',
    };
  });
  afterAll(async () => {
    await fake.close();
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('--dry-run prints what would be posted and posts nothing', async () => {
    const run = io(env);
    expect(await runCli(['digest', 'run', '--at', at.toISOString(), '--dry-run'], run, everyCommand)).toBe(0);
    const stdout = run.out.join('');
    expect(stdout).toContain('(dry run): 1 dry-run');
    expect(stdout).toContain(`${sub.id} → C0CLIRUN01`);
    expect(stdout).toMatch(/parent: .*leadership digest/i);
    expect(stdout).toContain('reply 4:');
    expect(posts()).toHaveLength(0);
  });

  it('a real run delivers; a second run with the same --at delivers nothing new', async () => {
    // The leadership digest: parent and five replies (adoption by team says teams are not refreshed yet).
    const first = io(env);
    expect(await runCli(['digest', 'run', '--at', at.toISOString()], first, everyCommand)).toBe(0);
    expect(first.out.join('')).toMatch(new RegExp(`${sub.id}\\s+\\S+\\s+delivered\\s+6 messages`));
    expect(posts()).toHaveLength(6);

    const second = io(env);
    expect(await runCli(['digest', 'run', '--at', at.toISOString()], second, everyCommand)).toBe(0);
    expect(second.out.join('')).toMatch(new RegExp(`${sub.id}\\s+\\S+\\s+already\\s+delivered before`));
    expect(posts()).toHaveLength(6);
  });

  it('rejects an --at without a zone, and a missing Slack token for a real run', async () => {
    const bad = io(env);
    expect(await runCli(['digest', 'run', '--at', '2026-11-23 09:00'], bad, everyCommand)).toBe(2);
    expect(bad.err.join('')).toContain('--at expects an ISO time with a zone');
    const noToken = io({ ...env, SLACK_BOT_TOKEN: '' });
    expect(await runCli(['digest', 'run'], noToken, everyCommand)).toBe(78);
    expect(noToken.err.join('')).toContain('SLACK_BOT_TOKEN');
  });
});
