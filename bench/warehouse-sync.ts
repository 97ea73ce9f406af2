/**
 * The usage warehouse (issue 11, part 7): backfill of N users × 90 days from the simulator (requests,
 * wall time, rows/s, client CPU, peak RSS), a daily incremental sync against it, and the time to answer
 * "distinct active users over 90 days" from the warehouse beside the old in-memory path (pull the window
 * into plain API rows, then computeAdoption).
 *
 * Three kinds of process, so no two share an event loop or an RSS figure:
 *  - the orchestrator (default role) starts the others and prints the table and a JSON line;
 *  - `--role server`: the simulator (a node:cluster of --server-workers, as in client-pull.ts), twice: as
 *    of the backfill's day and a day later, for the incremental sync;
 *  - `--role sync`: backfill + incremental + warehouse queries on a fresh warehouse (DuckDB in a temp
 *    dir, or PostgreSQL with --database-url, in a fresh schema);
 *  - `--role memory`: the old pull-per-question path: pull into plain API rows, computeAdoption;
 *  - `--role parse`: the CPU floor, `JSON.parse` alone of the same per-user pages.
 *
 * Run: node bin/run-ts.js bench/warehouse-sync.ts [--users 20000] [--latency-ms 50] [--runs 15]
 *      [--server-workers 2] [--database-url postgres://…] [--memory-limit-mb 64] [--threads 2]
 */

import { type ChildProcess, spawn } from 'node:child_process';
import cluster from 'node:cluster';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Registry } from 'prom-client';
import { systemClock } from '../src/clock.js';
import { createCodexClient } from '../src/codex/codex-client.js';
import type { UsageRow } from '../src/codex/schemas.js';
import { createSurfaceMapper } from '../src/codex/surface-mapper.js';
import { earliestStartSeconds } from '../src/codex/validate-window.js';
import { startSimulator } from '../src/dev/simulator/start-simulator.js';
import { computeAdoption } from '../src/figures/adoption.js';
import { createLogger } from '../src/logger.js';
import { createMetrics } from '../src/metrics/create-metrics.js';
import { countRequests } from '../src/sync/count-requests.js';
import { runSync, type SyncProgress } from '../src/sync/run-sync.js';
import type { Warehouse } from '../src/warehouse/warehouse.js';
import { freshWarehouse } from './lib/fresh-warehouse.js';
import { rerunArgs } from './lib/rerun.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'orchestrator' },
    url: { type: 'string' },
    users: { type: 'string', default: '20000' },
    'latency-ms': { type: 'string', default: '50' },
    runs: { type: 'string', default: '15' },
    'server-workers': { type: 'string', default: '2' },
    'database-url': { type: 'string' },
    'memory-limit-mb': { type: 'string', default: '64' },
    threads: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '6' },
  },
});
// A fixed "now" (10:00 UTC, so today is a partial bucket) keeps the data, and so the figures, stable.
const NOW = new Date('2026-11-24T10:00:00Z');
const DAY = 86_400;
const users = Number(values.users);
const latencyMs = Number(values['latency-ms']);
const runs = Number(values.runs);
const serverWorkers = Number(values['server-workers']);
const concurrency = Number(values.concurrency);
const today = Math.floor(NOW.getTime() / 1000 / DAY) * DAY;
/** The incremental sync's "a day later". */
const NEXT = new Date(NOW.getTime() + DAY * 1000);
/** The backfill's window: "distinct users, 90 d" is asked over it. */
const window = { start: earliestStartSeconds(NOW), end: today + DAY };
const logger = createLogger({ level: 'warn' });

/**
 * The old path holds the whole window as plain API rows (~2.5 KB each on the heap since the columnar store
 * went, issue 11 §4): far past the production heap cap `npm run bench` sets, which is why answers read
 * the warehouse. Its role gets the heap it needs (a flag on the command line wins over NODE_OPTIONS).
 */
const OLD_PATH_HEAP = ['--max-old-space-size=4096'];
/**
 * The sync role runs under the production image's heap cap (Dockerfile NODE_OPTIONS) however the bench is
 * started: run straight from the command line it had none, V8 put off collecting, and the backfill's peak
 * RSS read 740 MB, 322 of them V8 heap, against 413–425 MB under the cap (compiled, 2026-12-07; issue 11:
 * first start ≤ 400 MB).
 */
const PRODUCTION_HEAP = ['--max-old-space-size=256'];

if (values.role === 'server') await serve();
else if (values.role === 'sync') await syncRole();
else if (values.role === 'memory') await memoryRole();
else if (values.role === 'parse') await parseRole();
else await orchestrate();

async function serve(): Promise<void> {
  if (serverWorkers > 1 && cluster.isPrimary) {
    const [exec = '', ...rerun] = rerunArgs(import.meta.url);
    cluster.setupPrimary({ exec, args: [...rerun, ...process.argv.slice(2)] });
    const workers = Array.from({ length: serverWorkers }, () => cluster.fork());
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
  // The same workspace twice: as of NOW for the backfill, and a day later for the incremental sync, so
  // the incremental sees what a day changes (the new running day, yesterday's rest), not a frozen API.
  const sims = await Promise.all(
    [NOW, NEXT].map((at) =>
      startSimulator({ port: 0, users, seed: 'bench', now: () => at, faults: { latencyMs } }),
    ),
  );
  const [now, next] = sims.map((sim) => ({
    baseUrl: sim.baseUrl,
    apiKey: sim.apiKey,
    workspaceId: sim.workspaceId,
  }));
  const targets: Targets = { now: now ?? never(), next: next ?? never() };
  if (cluster.isWorker) process.send?.(targets);
  else console.log(JSON.stringify(targets));
  process.once('SIGTERM', () => void Promise.all(sims.map((sim) => sim.close())).then(() => process.exit(0)));
}

interface Target {
  baseUrl: string;
  apiKey: string;
  workspaceId: string;
}
interface Targets {
  now: Target;
  next: Target;
}

function never(): never {
  throw new Error('simulator missing');
}

function targets(): Targets {
  return JSON.parse(values.url ?? '{}') as Targets;
}

/** A client of `target` whose clock reads `now()` and sleeps for real (retries, pacing). */
function clientAt(target: Target, now: () => Date) {
  const metrics = countRequests(createMetrics(new Registry(), { processMetrics: false }));
  // Frozen on the bench's day for figures, real time for sleeps and deadlines.
  const clock = { now, sleep: systemClock.sleep, until: systemClock.until };
  // A generous per-request timeout: on a shared machine the simulator's day of 20,000 users can take
  // longer than the default 30 s to generate, which measures the machine, not the sync.
  const client = createCodexClient({ ...target, clock, logger, metrics, concurrency, timeoutMs: 120_000 });
  return { client, metrics, clock };
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number[] }> {
  const ms: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    value = await fn();
    ms.push(performance.now() - started);
  }
  return { value: value as T, ms };
}

async function syncRole(): Promise<void> {
  let current = NOW;
  const { client, metrics, clock } = clientAt(targets().now, () => current);
  const later = clientAt(targets().next, () => current);
  const fresh = await freshWarehouse({
    name: 'warehouse-sync',
    databaseUrl: values['database-url'] || undefined,
    memoryLimitMb: Number(values['memory-limit-mb']),
    threads: Number(values.threads),
    clock,
    logger,
  });
  const warehouse = await fresh.open();
  // Time spent inside the warehouse's writes, to tell the engine's share of the backfill from the pull's.
  let writeMs = 0;
  let writing = false;
  const timedWarehouse: Warehouse = {
    ...warehouse,
    replaceUserUsage: async (days, rows) => {
      const started = performance.now();
      writing = true;
      try {
        return await warehouse.replaceUserUsage(days, rows);
      } finally {
        writing = false;
        writeMs += performance.now() - started;
      }
    },
  };
  let phase = 'start';
  const deps = {
    client,
    warehouse: timedWarehouse,
    clock,
    logger,
    requests: metrics.requests,
    trailingDays: 5,
    onProgress: (p: SyncProgress) => {
      phase = `${p.phase} ${p.daysDone}/${p.daysTotal}`;
    },
  };
  // What the process holds before the backfill (modules, both engines' libraries, the warehouse open).
  const atStart = memoryParts(process.memoryUsage(), 'before the backfill');
  const sampler = sampleMemory(() => `${phase}, ${writing ? 'writing' : 'pulling'}`);
  try {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const backfill = await runSync(deps);
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const backfillRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const backfillPeak = sampler.stop();
    const backfillWriteMs = writeMs;
    if (backfill.outcome !== 'ok') throw new Error(`backfill failed: ${backfill.error}`);

    // Asked of the backfill's rows, the very ones the in-memory path pulls (before the incremental
    // replaces the running day with its complete rows).
    const surfaceOf = createSurfaceMapper();
    const adoption = await timed(() => warehouse.adoption(window, surfaceOf));
    const credits = await timed(() => warehouse.credits(window, surfaceOf));
    const counts = await warehouse.counts();

    current = NEXT;
    const incrementalStarted = performance.now();
    const incremental = await runSync({ ...deps, client: later.client, requests: later.metrics.requests });
    const incrementalMs = performance.now() - incrementalStarted;
    // The backfill's rows on the complete days the incremental re-pulls (its trailing days), counted last
    // so the read does not touch the figures above: how much denser recent days are than the average.
    const trailing = { start: incremental.window.start, end: today };
    let trailingRows = 0;
    // A day at a time: a week of full rows would not fit the production heap cap.
    for (let day = trailing.start; day < trailing.end; day += DAY) {
      trailingRows += (await warehouse.userUsageRows({ start: day, end: day + DAY })).length;
    }
    console.log(
      JSON.stringify({
        engine: warehouse.kind,
        backfill: {
          requests: backfill.requests,
          rows: backfill.rows,
          userRows: counts.userUsage,
          clientRows: counts.userClientUsage,
          wallMs: Math.round(wallMs),
          writeMs: Math.round(backfillWriteMs),
          cpuMs: Math.round((cpu.user + cpu.system) / 1000),
          rowsPerSecond: Math.round(counts.userUsage / (wallMs / 1000)),
          peakRssMb: backfillRssMb,
          peakSample: backfillPeak,
          atStart,
        },
        incremental: {
          requests: incremental.requests,
          rows: incremental.rows,
          days: (incremental.window.end - incremental.window.start) / DAY,
          backfillDays: (backfill.window.end - backfill.window.start) / DAY,
          trailingDays: (trailing.end - trailing.start) / DAY,
          trailingRows,
          wallMs: Math.round(incrementalMs),
          outcome: incremental.outcome,
        },
        distinctUsers90d: {
          value: adoption.value.activeUsers,
          p50Ms: round(percentile(adoption.ms, 50)),
          p95Ms: round(percentile(adoption.ms, 95)),
        },
        creditsBySurface90d: {
          p50Ms: round(percentile(credits.ms, 50)),
          p95Ms: round(percentile(credits.ms, 95)),
        },
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      }),
    );
  } finally {
    await client.close();
    await later.client.close();
    await warehouse.close();
    await fresh.tearDown();
  }
}

async function memoryRole(): Promise<void> {
  const { client } = clientAt(targets().now, () => NOW);
  const surfaceOf = createSurfaceMapper();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const store: UsageRow[] = [];
  for await (const page of client.usagePagesConcurrent({ startTime: window.start, endTime: window.end })) {
    for (const row of page) store.push(row);
  }
  const pullMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const options = { window, bucket: 'day' as const, surfaceOf, now: NOW };
  const adoption = await timed(() => computeAdoption(store, options));
  await client.close();
  console.log(
    JSON.stringify({
      rows: store.length,
      pullMs: Math.round(pullMs),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      distinctUsers90d: {
        value: adoption.value.activeUsers,
        p50Ms: round(percentile(adoption.ms, 50)),
        p95Ms: round(percentile(adoption.ms, 95)),
      },
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

type MemoryParts = SyncResult['backfill']['peakSample'];

/** RSS split into V8 heap (and the part of it in use), off-heap buffers and the rest (native: DuckDB, code). */
function memoryParts(m: NodeJS.MemoryUsage, phase: string): MemoryParts {
  const mb = (bytes: number) => Math.round(bytes / 1_048_576);
  return {
    rssMb: mb(m.rss),
    heapMb: mb(m.heapTotal),
    heapUsedMb: mb(m.heapUsed),
    externalMb: mb(m.external),
    nativeMb: mb(m.rss - m.heapTotal - m.external),
    phase,
  };
}

/** The highest-RSS moment seen every 100 ms, in parts (memoryParts). */
function sampleMemory(phase: () => string) {
  let peak = memoryParts(process.memoryUsage(), 'start');
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss / 1_048_576 > peak.rssMb) peak = memoryParts(m, phase());
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}

/**
 * The floor for client CPU: `JSON.parse` alone of the very bytes the backfill received (the per-user
 * pages, a day per request at the sync's page size), fetched again with a plain fetch and parsed one at a
 * time, nothing else timed.
 */
async function parseRole(): Promise<void> {
  const target = targets().now;
  let rows = 0;
  let bytes = 0;
  let cpuMicros = 0;
  for (let day = window.start; day < window.end; day += DAY) {
    let page: string | null = null;
    do {
      const url = new URL(`${target.baseUrl}/workspaces/${target.workspaceId}/usage`);
      url.search = new URLSearchParams({
        start_time: String(day),
        end_time: String(day + DAY),
        limit: '30000',
        ...(page === null ? {} : { page }),
      }).toString();
      const response = await fetch(url, { headers: { authorization: `Bearer ${target.apiKey}` } });
      const body = await response.text();
      bytes += Buffer.byteLength(body);
      const before = process.cpuUsage();
      const parsed = JSON.parse(body) as { data: unknown[]; has_more: boolean; next_page: string | null };
      const cpu = process.cpuUsage(before);
      cpuMicros += cpu.user + cpu.system;
      rows += parsed.data.length;
      page = parsed.has_more ? parsed.next_page : null;
    } while (page !== null);
  }
  console.log(JSON.stringify({ rows, bytes, cpuMs: Math.round(cpuMicros / 1000) }));
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function child(args: string[], nodeFlags: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeFlags, ...rerunArgs(import.meta.url), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

async function firstLine(proc: ChildProcess): Promise<string> {
  const lines = createInterface({ input: proc.stdout ?? process.stdin });
  for await (const line of lines) return line;
  throw new Error('child process printed nothing');
}

function common(): string[] {
  const flags: Record<string, string> = {
    users: String(users),
    'latency-ms': String(latencyMs),
    runs: String(runs),
    'server-workers': String(serverWorkers),
    'memory-limit-mb': values['memory-limit-mb'] ?? '64',
    threads: values.threads ?? '2',
    concurrency: String(concurrency),
    ...(values['database-url'] ? { 'database-url': values['database-url'] } : {}),
  };
  return Object.entries(flags).flatMap(([name, value]) => [`--${name}`, value]);
}

interface SyncResult {
  engine: string;
  backfill: {
    requests: number;
    rows: number;
    userRows: number;
    clientRows: number;
    wallMs: number;
    writeMs: number;
    cpuMs: number;
    rowsPerSecond: number;
    peakRssMb: number;
    /** The highest RSS sampled during the backfill, in parts, and the same parts before it started. */
    peakSample: {
      rssMb: number;
      heapMb: number;
      heapUsedMb: number;
      externalMb: number;
      nativeMb: number;
      phase: string;
    };
    atStart: SyncResult['backfill']['peakSample'];
  };
  incremental: {
    requests: number;
    rows: number;
    days: number;
    backfillDays: number;
    /** Complete days of the backfill the incremental re-pulls, and the rows the backfill holds on them. */
    trailingDays: number;
    trailingRows: number;
    wallMs: number;
    outcome: string;
  };
  distinctUsers90d: { value: number; p50Ms: number; p95Ms: number };
  creditsBySurface90d: { p50Ms: number; p95Ms: number };
  peakRssMb: number;
}

interface ParseResult {
  rows: number;
  bytes: number;
  cpuMs: number;
}

interface MemoryResult {
  rows: number;
  pullMs: number;
  cpuMs: number;
  distinctUsers90d: { value: number; p50Ms: number; p95Ms: number };
  peakRssMb: number;
}

async function orchestrate(): Promise<void> {
  const server = child(['--role', 'server', ...common()]);
  try {
    const url = await firstLine(server);
    console.log(
      `Warehouse sync: ${users} users × 90 days from the simulator (${latencyMs} ms latency, ${serverWorkers} worker(s)), client concurrency ${concurrency}, ${runs} query runs`,
    );
    const loadBefore = loadavg()[0] ?? 0;
    const sync = JSON.parse(
      await firstLine(child(['--role', 'sync', '--url', url, ...common()], PRODUCTION_HEAP)),
    ) as SyncResult;
    const memory = JSON.parse(
      await firstLine(child(['--role', 'memory', '--url', url, ...common()], OLD_PATH_HEAP)),
    ) as MemoryResult;
    const parse = JSON.parse(
      await firstLine(child(['--role', 'parse', '--url', url, ...common()])),
    ) as ParseResult;
    const load = `load average ${loadBefore.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after`;
    const b = sync.backfill;
    const inc = sync.incremental;
    const perRow = (cpuMs: number, rows: number) => round((cpuMs * 1000) / rows);
    console.table([
      {
        step: `backfill → ${sync.engine}`,
        requests: b.requests,
        'user rows': b.userRows,
        'wall s': round(b.wallMs / 1000),
        'of it writing s': round(b.writeMs / 1000),
        'client CPU s': round(b.cpuMs / 1000),
        'CPU µs/row': perRow(b.cpuMs, b.userRows),
        'rows/s': b.rowsPerSecond,
        'peak RSS MB': b.peakRssMb,
      },
      {
        step: `incremental (a day later, ${inc.days} days)`,
        requests: inc.requests,
        'user rows': inc.rows,
        'wall s': round(inc.wallMs / 1000),
      },
      {
        step: 'pull into plain rows (old path, 4 GB heap)',
        requests: '',
        'user rows': memory.rows,
        'wall s': round(memory.pullMs / 1000),
        'client CPU s': round(memory.cpuMs / 1000),
        'CPU µs/row': perRow(memory.cpuMs, memory.rows),
        'peak RSS MB': memory.peakRssMb,
      },
      {
        step: 'JSON.parse alone of the same pages',
        requests: '',
        'user rows': parse.rows,
        'client CPU s': round(parse.cpuMs / 1000),
        'CPU µs/row': perRow(parse.cpuMs, parse.rows),
      },
    ]);
    console.table([
      {
        query: 'distinct users 90 d, warehouse',
        value: sync.distinctUsers90d.value,
        ...ms(sync.distinctUsers90d),
      },
      { query: 'credits by surface 90 d, warehouse', value: '', ...ms(sync.creditsBySurface90d) },
      {
        query: 'distinct users 90 d, computeAdoption in memory',
        value: memory.distinctUsers90d.value,
        ...ms(memory.distinctUsers90d),
      },
    ]);
    const p = b.peakSample;
    const s = b.atStart;
    console.log(
      `backfill peak RSS ${b.peakRssMb} MB (${PRODUCTION_HEAP.join(' ')}); sampled peak ${p.rssMb} MB = V8 heap ${p.heapMb} (${p.heapUsedMb} in use) + buffers ${p.externalMb} + native ${p.nativeMb}, at ${p.phase}; before the backfill ${s.rssMb} MB = ${s.heapMb} (${s.heapUsedMb}) + ${s.externalMb} + ${s.nativeMb}`,
    );
    // Rows per day are not even: the simulated org adopted Codex over the window, so its recent days hold
    // more rows than the 90-day average (and weekends fewer). The incremental must re-pull the days that
    // were provisional at the last run or are now (src/figures/freshness.ts): SYNC_TRAILING_DAYS (5) before
    // the last run's running day, that day, and today — 7 of the backfill's 91 days, 1/13 even if rows
    // were even, so the issue's ≤ 1/15 cannot be met with 5 trailing days. Expected: those 7 days at the
    // rows per day the backfill holds on the complete ones among them.
    const ratio = (part: number, whole: number) => `1/${round(whole / part)}`;
    const recentPerDay = inc.trailingRows / inc.trailingDays;
    const density = recentPerDay / (b.userRows / inc.backfillDays);
    const same = sync.distinctUsers90d.value === memory.distinctUsers90d.value;
    console.log(
      `incremental/backfill: rows ${ratio(inc.rows, b.rows)} measured, ${ratio(inc.days * recentPerDay, b.userRows)} expected (${inc.days} of ${inc.backfillDays} days = ${ratio(inc.days, inc.backfillDays)}, × ${round(density)} for recent days' ${Math.round(recentPerDay)} rows/day vs the window's average; the issue’s target ≤ 1/15 allows at most 6 days even at even rows: unreachable with SYNC_TRAILING_DAYS=5), requests ${ratio(inc.requests, b.requests)}; same distinct users: ${same}; ${load}`,
    );
    console.log(
      JSON.stringify({ bench: 'warehouse-sync', users, latencyMs, sync, memory, parse, same, load }),
    );
    if (!same || sync.incremental.outcome !== 'ok') process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
  }
}

function ms(figures: { p50Ms: number; p95Ms: number }) {
  return { 'p50 ms': figures.p50Ms, 'p95 ms': figures.p95Ms };
}
