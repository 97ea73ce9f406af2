/**
 * Processes for the Slack benchmark, so that no two share an event loop (on 2 cores a same-process
 * client would only read an ack once the bot's CPU work for that command yields):
 *  - the simulator (`--role sim`) and the bot (`--role bot`, compose + createSlackEdge as `serve` builds
 *    it) are children, each printing one JSON line once listening;
 *  - the driver (this module's `startDriver`) holds the fake Slack, signs and sends the commands and
 *    times the ack and the final response_url post.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/env.js';
import { startFakeSlack } from '../../src/dev/fake-slack/fake-slack.js';
import { createLogger } from '../../src/logger.js';
import { createBotRegistry } from '../../src/main/bot-registry.js';
import { openComposition } from '../../src/main/open-composition.js';
import { createSlackEdge } from '../../src/main/slack-edge.js';
import { systemQuietTimer } from '../../src/slack/quiet-timer.js';
import { openStore } from '../../src/store/open-store.js';
import { sendSigned, signedSlashCommand } from '../../test/helpers/slack-signing.js';
import { traceAcks } from './ack-trace.js';
import { pinnedCommand } from './cpu-pinning.js';
import { rerunArgs, siblingUrl } from './rerun.js';

export { percentile } from './percentile.js';

export const SECRET = 'bench-signing-secret';
export const BENCH_USER = 'U0BENCH001';

/** A child process that printed `info` (its address) as a JSON line. */
export interface Child<T> {
  info: T;
  process: ChildProcess;
  /** Every JSON line the child prints after `info`. */
  onLine(listener: (line: string) => void): void;
}

export interface SpawnOptions {
  /** Node flags before the script (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Keep stdin open as a pipe (the driver reads its bursts there). */
  stdin?: boolean;
  /** Scheduling priority (nice, −20…19; below 0 needs root) set on the child once spawned. */
  nice?: number;
  /**
   * Another checkout's `bench/slack-commands.ts` to run the role from (the bench's `--baseline`): the
   * same role of an older revision, side by side with this one in one run.
   */
  script?: string;
  /** CPUs the child may run on (taskset -c, cpu-pinning.ts); absent = this process's own mask. */
  cpus?: string;
}

/** Runs `bench/slack-commands.ts --role <role> …` and resolves with the first JSON line it prints. */
export function spawnRole<T>(role: string, args: string[], options: SpawnOptions = {}): Promise<Child<T>> {
  const [command, commandArgs] = pinnedCommand(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      ...rerunArgs(options.script ?? siblingUrl(import.meta.url, '../slack-commands')),
      ...['--role', role, ...args],
    ],
    options.cpus,
  );
  // taskset execs node in place: the child's pid is the node process's.
  const child = spawn(command, commandArgs, {
    stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'inherit'],
  });
  if (options.nice && child.pid !== undefined) setPriority(child.pid, options.nice);
  const listeners: Array<(line: string) => void> = [];
  return new Promise((resolve, reject) => {
    let started = false;
    if (!child.stdout) throw new Error('spawn gave no stdout pipe');
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      if (started) {
        for (const listener of listeners) listener(line);
        return;
      }
      started = true;
      resolve({
        info: JSON.parse(line) as T,
        process: child,
        onLine: (listener) => listeners.push(listener),
      });
    });
    lines.once('close', () => {
      if (!started) reject(new Error(`bench ${role} exited before printing its address`));
    });
  });
}

export interface BotArgs {
  codexUrl: string;
  apiKey: string;
  workspaceId: string;
  slackUrl: string;
  sharePollMs: number;
  /** SLACK_ANSWER_CONCURRENCY: answers computed at once behind acks (0 = no limiter, as before issue 9 5.5). */
  answerConcurrency?: number;
}

/** The bot role: the whole app on 127.0.0.1:0; prints `{ port }` and runs until SIGTERM. */
export async function runBot(args: BotArgs): Promise<void> {
  const config = loadConfig(
    {
      CODEX_API_BASE_URL: args.codexUrl,
      CODEX_API_KEY: args.apiKey,
      CODEX_WORKSPACE_ID: args.workspaceId,
      // The simulator has no request budget: pacing would measure the budget, not the bot (README).
      CODEX_API_REQUESTS_PER_MINUTE: '0',
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: args.slackUrl,
      SLACK_BOT_ID: 'B0FAKEBOT1',
      SLACK_BOT_USER_ID: 'U0FAKEBOT1',
      LOG_LEVEL: 'error',
      ...(args.answerConcurrency === undefined
        ? {}
        : { SLACK_ANSWER_CONCURRENCY: String(args.answerConcurrency) }),
    },
    ['codex', 'slack'],
  );
  const logger = createLogger({ level: 'error' });
  const acks = traceAcks('/slack/events');
  // As serve does: answers from the usage warehouse, shareable answers saved in the embedded store (a
  // temporary DATA_DIR here for both).
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-slack-'));
  const c = await openComposition(
    { ...config, warehouse: { ...config.warehouse, dataDir } },
    { logger, clock: systemClock },
  );
  const store = await openStore({ dataDir, logger, clock: systemClock });
  const sharePoll = { attempts: 6, delayMs: args.sharePollMs };
  const edge = createSlackEdge(c, config.slack, {
    quietTimer: systemQuietTimer,
    host: '127.0.0.1',
    port: 0,
    registry: createBotRegistry(c),
    sharePoll,
    shares: store.shares,
    ready: () => store.ping(),
  });
  const { port } = await edge.start();
  console.log(JSON.stringify({ port }));
  process.once('SIGTERM', () => {
    // Everything after the warm-up command: the burst, as the bot saw it.
    console.log(JSON.stringify({ botAcks: acks.summary(1) }));
    void edge
      .stop()
      .then(() => c.close())
      .then(() => store.close())
      .then(() => rm(dataDir, { recursive: true, force: true }))
      .then(() => process.exit(0));
  });
}

/** The fake Slack, plus `command(botPort, text)`: ms to the ack, ms to the final answer, failure. */
export async function startDriver() {
  const fake = await startFakeSlack();
  fake.users.set(BENCH_USER, { id: BENCH_USER, name: 'bench', email: 'bench@example.com' });
  async function command(port: number, text: string) {
    const responseUrl = fake.responseUrl();
    const answered = fake.waitForResponse(
      (r) => r.url === responseUrl && r.body.replace_original === true,
      60_000,
    );
    const started = performance.now();
    const request = signedSlashCommand(
      { text, response_url: responseUrl, user_id: BENCH_USER },
      { secret: SECRET },
    );
    const res = await sendSigned(`http://127.0.0.1:${port}/slack/events`, request);
    await res.text();
    const ackMs = performance.now() - started;
    try {
      const answer = await answered;
      const failed = res.status !== 200 || String(answer.body.text).includes(':warning:');
      return { ackMs, answerMs: performance.now() - started, failed };
    } catch {
      return { ackMs, answerMs: Number.NaN, failed: true };
    }
  }
  return { fake, command };
}
