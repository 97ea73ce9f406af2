/**
 * Scheduled digest delivery at scale (the benchmark): 500 subscriptions due in the same minute
 * across 100 channels (in four time zones, all due at the same instant), the fake Slack enforcing one
 * message per second per channel with 429s, the Codex API simulator at 100 ms per request in a child
 * process, the embedded store in a temp dir. Printed: total delivery time against the bound Slack's
 * pacing sets (most messages in one channel × 1 s), Codex API requests (the same for 50 subscriptions
 * as for 500: they grow with distinct windows, not subscriptions), 429s met, peak RSS (of the process
 * holding the service, the fake Slack and the store).
 * Targets: API requests independent of the subscription count; total time ≤ 1.2 × the pacing bound.
 *
 * Run: node bin/run-ts.js bench/digest-delivery.ts [--users 1000] [--latency 100]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { Clock } from '../src/clock.js';
import { loadConfig } from '../src/config/env.js';
import { startFakeSlack } from '../src/dev/fake-slack/fake-slack.js';
import { startSimulator } from '../src/dev/simulator/start-simulator.js';
import { createDigestService } from '../src/digests/create-digest-service.js';
import { createDigestSlackClient } from '../src/digests/digest-slack-client.js';
import { createLogger } from '../src/logger.js';
import { openComposition } from '../src/main/open-composition.js';
import { openStore } from '../src/store/open-store.js';
import { rerunArgs } from './lib/rerun.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'orchestrator' },
    users: { type: 'string', default: '1000' },
    latency: { type: 'string', default: '100' },
    subs: { type: 'string', default: '500' },
    channels: { type: 'string', default: '100' },
    url: { type: 'string', default: '' },
  },
});
/** Monday 23 Nov 2026 08:00 UTC: 09:00 Berlin, 08:00 UTC, 13:30 Kolkata, 03:00 New York. */
const NOW = new Date('2026-11-23T08:00:00Z');
const zones = [
  { timeZone: 'Europe/Berlin', time: '09:00' },
  { timeZone: 'UTC', time: '08:00' },
  { timeZone: 'Asia/Kolkata', time: '13:30' },
  { timeZone: 'America/New_York', time: '03:00' },
] as const;

/** Real time, shifted so "now" starts at NOW: pacing really waits, the dates stay fixed. */
function shiftedClock(): Clock {
  const offset = NOW.getTime() - Date.now();
  const now = () => new Date(Date.now() + offset);
  const sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    });
  return { now, sleep, until: (at, signal) => sleep(Math.max(0, at.getTime() - now().getTime()), signal) };
}

async function firstLine(proc: ChildProcess): Promise<string> {
  for await (const line of createInterface({ input: proc.stdout ?? process.stdin }))
    if (line.startsWith('{')) return line;
  throw new Error('child printed nothing');
}

const child = (args: string[]) =>
  spawn(process.execPath, [...rerunArgs(import.meta.url), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });

/** The simulator child: prints its base URL, then its request stats for each line read on stdin. */
async function serveSimulator(): Promise<void> {
  const sim = await startSimulator({
    users: Number(values.users),
    seed: 'bench',
    now: () => NOW,
    faults: { latencyMs: Number(values.latency) },
  });
  console.log(JSON.stringify({ url: sim.baseUrl }));
  for await (const _line of createInterface({ input: process.stdin }))
    console.log(JSON.stringify(sim.stats()));
  await sim.close();
}

/** One scenario in its own process (cold analytics cache, its own peak RSS). */
async function runScenario(): Promise<void> {
  const subs = Number(values.subs);
  const channels = Number(values.channels);
  const logger = createLogger({ level: 'error' });
  const clock = shiftedClock();
  const dataDir = await mkdtemp(join(tmpdir(), 'codex-pulse-bench-digest-'));
  const fake = await startFakeSlack({ messageRatePerChannel: 1 });
  const store = await openStore({
    dataDir,
    logger,
    clock: { ...clock, now: () => new Date(NOW.getTime() - 7 * 86_400_000) },
  });
  const warehouseDir = await mkdtemp(join(tmpdir(), 'bench-digest-warehouse-'));
  const config = loadConfig({
    CODEX_API_BASE_URL: values.url,
    CODEX_API_KEY: 'demo-key',
    CODEX_WORKSPACE_ID: 'ws-demo',
    // The simulator has no request budget: pacing would measure the budget, not the bot (README).
    CODEX_API_REQUESTS_PER_MINUTE: '0',
    LOG_LEVEL: 'error',
    // Its own usage warehouse: the first digest tops it up from the simulator, the rest read it.
    DATA_DIR: warehouseDir,
  });
  const c = await openComposition(config, { clock, logger });
  for (let i = 0; i < subs; i += 1) {
    const round = Math.floor(i / channels);
    await store.subscriptions.create({
      teamId: 'T0FAKE0001',
      channelId: `C${String(i % channels).padStart(8, '0')}`,
      ownerUserId: 'U0OWNER001',
      day: 'mon',
      ...(zones[i % zones.length] ?? zones[0]),
      // One leadership digest (5 messages) per four standard ones (6 messages) in each channel.
      style: round % 5 === 4 ? 'leadership' : 'standard',
      cadence: 'weekly',
    });
  }
  const service = createDigestService({
    store,
    analytics: c.analytics,
    renderChart: c.renderChart,
    slack: createDigestSlackClient({ token: 'xoxb-bench', apiUrl: fake.url, logger, metrics: c.metrics }),
    clock,
    logger,
    metrics: c.metrics,
    workerId: 'bench',
  });
  const started = performance.now();
  const summary = await service.runDue(clock.now());
  const seconds = (performance.now() - started) / 1000;
  const perChannel = new Map<string, number>();
  let delivered = 0;
  for (const r of summary.results) {
    if (r.outcome.status !== 'delivered') continue;
    delivered += 1;
    const sub = await store.subscriptions.get(r.subscriptionId);
    perChannel.set(
      sub?.channelId ?? '',
      (perChannel.get(sub?.channelId ?? '') ?? 0) + r.outcome.delivery.postedParts,
    );
  }
  const messages = [...perChannel.values()].reduce((a, b) => a + b, 0);
  const posts = fake.calls.filter((call) => call.method === 'chat.postMessage').length;
  // The bound: the most messages any one channel gets × 1 s (strictly, n posts span n − 1 s).
  const boundSeconds = Math.max(0, ...perChannel.values());
  console.log(
    JSON.stringify({
      subs,
      channels,
      delivered,
      messages,
      seconds,
      boundSeconds,
      rateLimited: posts - messages,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
  await Promise.all([store.close(), c.close(), fake.close()]);
  await rm(dataDir, { recursive: true, force: true });
  await rm(warehouseDir, { recursive: true, force: true });
}

/** What a scenario process prints. */
interface ScenarioResult {
  subs: number;
  channels: number;
  delivered: number;
  messages: number;
  seconds: number;
  boundSeconds: number;
  rateLimited: number;
  peakRssMb: number;
}

async function orchestrate(): Promise<void> {
  const sim = child(['--role', 'sim', '--users', values.users, '--latency', values.latency]);
  const { url } = JSON.parse(await firstLine(sim)) as { url: string };
  const lines = createInterface({ input: sim.stdout ?? process.stdin })[Symbol.asyncIterator]();
  const stats = async () => {
    sim.stdin?.write('stats\n');
    const next = await lines.next();
    return (JSON.parse(String(next.value)) as { requests: number }).requests;
  };
  console.log(
    `Digest delivery: simulator ${values.users} users at ${values.latency} ms/request (child process), fake Slack at 1 message/s/channel, embedded store`,
  );
  const rows: Array<ScenarioResult & { apiRequests: number }> = [];
  for (const [subs, channels] of [
    [50, 10],
    [500, 100],
  ] as const) {
    const before = await stats();
    const run = child([
      '--role',
      'run',
      '--subs',
      String(subs),
      '--channels',
      String(channels),
      '--url',
      url,
    ]);
    const result = JSON.parse(await firstLine(run)) as ScenarioResult;
    await new Promise((resolve) => run.once('exit', resolve));
    rows.push({ ...result, apiRequests: (await stats()) - before });
  }
  for (const r of rows) {
    const ratio = (r.seconds ?? 0) / Math.max(1, r.boundSeconds ?? 1);
    console.log(
      `${String(r.subs).padStart(3)} subscriptions in ${String(r.channels).padStart(3)} channels: ${r.delivered} delivered, ${r.messages} messages, ` +
        `${(r.seconds ?? 0).toFixed(1)} s (pacing bound ${r.boundSeconds} s, ratio ${ratio.toFixed(2)}, target ≤ 1.2), ` +
        `Codex API requests ${r.apiRequests}, 429s ${r.rateLimited}, peak RSS ${(r.peakRssMb ?? 0).toFixed(0)} MB`,
    );
  }
  const [small, large] = rows;
  console.log(
    `Codex API requests, 500 vs 50 subscriptions (one distinct window): ${large?.apiRequests} vs ${small?.apiRequests}`,
  );
  sim.stdin?.end();
  sim.kill('SIGTERM');
}

if (values.role === 'sim') await serveSimulator();
else if (values.role === 'run') await runScenario();
else await orchestrate();
