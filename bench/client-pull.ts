/**
 * Codex client pull speed: 90 days of per-user daily usage rows for 20,000 simulated users with 50 ms of
 * latency per request, sequential cursor paging (`pages`) vs the concurrent strategy
 * (`usagePagesConcurrent`). Target from the issue: concurrent ≥ 4× faster, client peak RSS < 256 MB
 * while streaming (rows are counted and aggregated, never kept).
 *
 * Three kinds of process, so no two share an event loop on a 2-core machine:
 *  - the orchestrator (default role) starts the rest and prints the comparison;
 *  - `--role server`: the simulator, printing its base URL as a JSON line on stdout;
 *  - `--role client --strategy pages|concurrent`: one measured pull; its own process so that
 *    process.resourceUsage().maxRSS is that strategy's peak alone.
 *
 * Choices (printed with the figures): limit 500 rows/page — ~0.55 MB of JSON, ~7 ms of client CPU, so
 * the 50 ms latency dominates a request as it does against a remote API; concurrency 8 — enough
 * requests in flight to cover latency plus the simulator's queueing on this 2-core box (6, the
 * config default, gives ~15% less); a 40000-row buffer ≈ (concurrency − 1) days of rows, so lanes
 * rarely wait on it. The machine's load average is printed too: other work on a shared 2-core machine
 * moves the wall times, so compare the ratio.
 *
 * Run: node bin/run-ts.js bench/client-pull.ts [--users 20000] [--latency-ms 50] [--limit 500]
 *      [--concurrency 8] [--max-buffered-rows 40000] [--server-workers 2] [--days 90]
 */

import { type ChildProcess, spawn } from 'node:child_process';
import cluster from 'node:cluster';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Registry } from 'prom-client';
import { systemClock } from '../src/clock.js';
import { createCodexClient } from '../src/codex/codex-client.js';
import { startSimulator } from '../src/dev/simulator/start-simulator.js';
import { createLogger } from '../src/logger.js';
import { createMetrics } from '../src/metrics/create-metrics.js';
import { rerunArgs } from './lib/rerun.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'orchestrator' },
    strategy: { type: 'string', default: 'pages' },
    url: { type: 'string' },
    users: { type: 'string', default: '20000' },
    'latency-ms': { type: 'string', default: '50' },
    limit: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '8' },
    days: { type: 'string', default: '90' },
    'max-buffered-rows': { type: 'string', default: '40000' },
    'server-workers': { type: 'string', default: '2' },
  },
});
// A fixed "now" (10:00 UTC, so today is a partial bucket) keeps the data, and so the figures, stable.
const NOW = new Date('2026-11-24T10:00:00Z');
const DAY = 86_400;
const users = Number(values.users);
const latencyMs = Number(values['latency-ms']);
const limit = Number(values.limit);
const concurrency = Number(values.concurrency);
const days = Number(values.days);
const maxBufferedRows = Number(values['max-buffered-rows']);
const serverWorkers = Number(values['server-workers']);
const today = Math.floor(NOW.getTime() / 1000 / DAY) * DAY;
// 89 whole days plus today = 90 day buckets, the most the API's 90-day lookback allows.
const window = { startTime: today - (days - 1) * DAY, endTime: today + DAY };

interface PullResult {
  strategy: string;
  rows: number;
  pages: number;
  users: number;
  credits: number;
  wallMs: number;
  /** Client CPU (user + system): how close the client's one event loop is to being the bottleneck. */
  cpuMs: number;
  rowsPerSecond: number;
  peakRssMb: number;
  sampledPeakRssMb: number;
}

if (values.role === 'server') await serve();
else if (values.role === 'client') await pull();
else await orchestrate();

/**
 * The simulator answers each request on one thread; the API it stands in for does not. With
 * --server-workers N (default 2) it runs as a node:cluster of N identical workers sharing one port —
 * its data is a pure function of (seed, now, query) and cursors carry their position, so any worker can
 * answer any page — and the client is measured rather than the stand-in's single event loop.
 */
async function serve(): Promise<void> {
  if (serverWorkers > 1 && cluster.isPrimary) {
    const [exec = '', ...rerun] = rerunArgs(import.meta.url);
    cluster.setupPrimary({ exec, args: [...rerun, ...process.argv.slice(2)] });
    const workers = Array.from({ length: serverWorkers }, () => cluster.fork());
    // Announce the URL only once every worker listens, or the first requests would all go to one.
    const targets = await Promise.all(
      workers.map((worker) => new Promise<unknown>((resolve) => worker.once('message', resolve))),
    );
    console.log(JSON.stringify(targets[0]));
    process.once('SIGTERM', () => {
      for (const worker of workers) worker.kill('SIGTERM');
      process.exit(0);
    });
    return;
  }
  // listen(0) in a cluster worker: every worker gets the same port from the primary.
  const sim = await startSimulator({ port: 0, users, seed: 'bench', now: () => NOW, faults: { latencyMs } });
  const target = { baseUrl: sim.baseUrl, apiKey: sim.apiKey, workspaceId: sim.workspaceId };
  if (cluster.isWorker) process.send?.(target);
  else console.log(JSON.stringify(target));
  process.once('SIGTERM', () => void sim.close().then(() => process.exit(0)));
}

async function pull(): Promise<void> {
  const target = JSON.parse(values.url ?? '{}') as { baseUrl: string; apiKey: string; workspaceId: string };
  const client = createCodexClient({
    ...target,
    // Dates frozen at NOW, waits real: a deadline waits as long as it lies ahead of NOW.
    clock: {
      now: () => NOW,
      sleep: systemClock.sleep,
      until: (at, signal) => systemClock.sleep(Math.max(0, at.getTime() - NOW.getTime()), signal),
    },
    logger: createLogger({ level: 'warn' }),
    metrics: createMetrics(new Registry(), { processMetrics: false }),
    concurrency,
    maxBufferedRows,
  });
  let sampledPeak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
  }, 25);
  const query = { ...window, limit };
  const source =
    values.strategy === 'concurrent' ? client.usagePagesConcurrent(query) : client.pages('usage', query);
  // Streaming consumer: a count, the credit total and distinct active users — nothing else is kept.
  const seen = new Set<string>();
  let rows = 0;
  let pages = 0;
  let credits = 0;
  let lastStart = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for await (const page of source) {
    pages++;
    for (const row of page) {
      rows++;
      credits += row.totals.credits;
      if (row.user_id) seen.add(row.user_id);
      if (row.start_time < lastStart) throw new Error('rows out of time order');
      lastStart = row.start_time;
    }
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  await client.close();
  const result: PullResult = {
    strategy: values.strategy ?? 'pages',
    rows,
    pages,
    users: seen.size,
    credits: Math.round(credits * 100) / 100,
    wallMs: Math.round(wallMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    rowsPerSecond: Math.round(rows / (wallMs / 1000)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    sampledPeakRssMb: Math.round(sampledPeak / 1024 / 1024),
  };
  console.log(JSON.stringify(result));
}

function child(args: string[]): ChildProcess {
  return spawn(process.execPath, [...rerunArgs(import.meta.url), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

async function firstLine(proc: ChildProcess): Promise<string> {
  const lines = createInterface({ input: proc.stdout ?? process.stdin });
  for await (const line of lines) return line;
  throw new Error('child process printed nothing');
}

async function runClient(strategy: string, url: string): Promise<PullResult> {
  return JSON.parse(
    await firstLine(child(['--role', 'client', '--strategy', strategy, '--url', url, ...common()])),
  );
}

function common(): string[] {
  const flags = {
    users,
    'latency-ms': latencyMs,
    limit,
    concurrency,
    days,
    'max-buffered-rows': maxBufferedRows,
    'server-workers': serverWorkers,
  };
  return Object.entries(flags).flatMap(([name, value]) => [`--${name}`, String(value)]);
}

async function orchestrate(): Promise<void> {
  const server = child(['--role', 'server', ...common()]);
  try {
    const url = await firstLine(server);
    console.log(
      `Pulling ${days} days of per-user daily usage: ${users} users, ${latencyMs} ms latency per request, limit ${limit} rows/page, concurrency ${concurrency}, buffer ${maxBufferedRows} rows; simulator in a child process (${serverWorkers} worker(s))`,
    );
    const loadBefore = loadavg()[0] ?? 0;
    const sequential = await runClient('pages', url);
    const concurrent = await runClient('concurrent', url);
    const load = `load average ${loadBefore.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after`;
    const same = sequential.rows === concurrent.rows && sequential.credits === concurrent.credits;
    console.table(
      [sequential, concurrent].map((r) => ({
        strategy: r.strategy === 'pages' ? 'sequential pages()' : 'usagePagesConcurrent()',
        rows: r.rows,
        pages: r.pages,
        'wall s': Number((r.wallMs / 1000).toFixed(2)),
        'client CPU s': Number((r.cpuMs / 1000).toFixed(2)),
        'rows/s': r.rowsPerSecond,
        'peak RSS MB': r.peakRssMb,
      })),
    );
    const speedup = sequential.wallMs / concurrent.wallMs;
    console.log(`speed-up: ${speedup.toFixed(2)}× (target ≥ 4×); same rows and credits: ${same}; ${load}`);
    console.log(
      JSON.stringify({
        bench: 'client-pull',
        users,
        latencyMs,
        limit,
        concurrency,
        maxBufferedRows,
        serverWorkers,
        days,
        sequential,
        concurrent,
        speedup: Number(speedup.toFixed(2)),
        same,
        load,
      }),
    );
    if (!same) process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
  }
}
