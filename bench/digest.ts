/**
 * Weekly digest at scale (the benchmark): 20,000 users × 90 days of per-user daily usage rows.
 * The simulator runs in a child process (no latency) so it shares neither the event loop nor the RSS
 * of the measured process. Here: pull 90 days into plain API rows (timed on its own; production answers
 * from the warehouse instead, bench/warehouse-figures.ts, so the pull's RSS is no longer the bot's), then
 * time the figures (digest figures + a 90-day adoption series), building the digest report, and
 * rendering every chart of the digest with the local renderer (median of several renders per chart).
 * Targets: figures + all charts < 2 s, < 60 ms median per chart, peak RSS < 300 MB.
 *
 * Run: node bin/run-ts.js bench/digest.ts [--users 20000] [--days 90] [--runs 9] [--skip-store]
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Registry } from 'prom-client';
import { buildAdoptionChart } from '../reports/charts/adoption-chart.js';
import { buildWeeklyDigest } from '../reports/digest/weekly-digest.js';
import { createChartRenderer } from '../src/charts/chart-renderer.js';
import { systemClock } from '../src/clock.js';
import { createCodexClient } from '../src/codex/codex-client.js';
import type { UsageRow } from '../src/codex/schemas.js';
import { createSurfaceMapper } from '../src/codex/surface-mapper.js';
import { startSimulator } from '../src/dev/simulator/start-simulator.js';
import { computeAdoption } from '../src/figures/adoption.js';
import { computeDigestFigures } from '../src/figures/digest-figures.js';
import { createLogger } from '../src/logger.js';
import { createMetrics } from '../src/metrics/create-metrics.js';
import { rerunArgs } from './lib/rerun.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'bench' },
    users: { type: 'string', default: '20000' },
    days: { type: 'string', default: '90' },
    runs: { type: 'string', default: '9' },
    // Pull without keeping rows: the client's own streaming peak, to attribute the total.
    'skip-store': { type: 'boolean', default: false },
  },
});
// Same fixed "now" as the other benches: a Tuesday 10:00 UTC, so the digest week is the one before.
const NOW = new Date('2026-11-24T10:00:00Z');
/** The heap the in-memory digest over plain rows runs with (see where it is checked). */
const OLD_PATH_HEAP_MB = 4096;
const DAY = 86_400;
const users = Number(values.users);
const days = Number(values.days);
const runs = Number(values.runs);

async function firstLine(proc: ChildProcess): Promise<string> {
  for await (const line of createInterface({ input: proc.stdout ?? process.stdin })) return line;
  throw new Error('simulator process printed nothing');
}

/** A full GC, so heap figures are live data only (the flag is set at run time: the command takes none). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const ms = (start: number) => Number((performance.now() - start).toFixed(1));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function bench(target: { baseUrl: string; apiKey: string; workspaceId: string }): Promise<void> {
  const logger = createLogger({ level: 'warn' });
  const client = createCodexClient({
    ...target,
    // Dates frozen at NOW, waits real: a deadline waits as long as it lies ahead of NOW.
    clock: {
      now: () => NOW,
      sleep: systemClock.sleep,
      until: (at, signal) => systemClock.sleep(Math.max(0, at.getTime() - NOW.getTime()), signal),
    },
    logger,
    metrics: createMetrics(new Registry(), { processMetrics: false }),
  });
  const surfaceOf = createSurfaceMapper();
  const today = Math.floor(NOW.getTime() / 1000 / DAY) * DAY;
  const window = { start: today - (days - 1) * DAY, end: today + DAY };
  const query = { startTime: window.start, endTime: window.end, groupBy: 'day' } as const;

  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  let started = performance.now();
  const store: UsageRow[] = [];
  const [, reviewRows, responseRows] = await Promise.all([
    (async () => {
      for await (const page of client.usagePagesConcurrent(query))
        for (const row of page) if (process.env.BENCH_DEBUG !== 'nostore') store.push(row);
    })(),
    client.fetchAll('code_reviews', query),
    client.fetchAll('code_review_responses', query),
  ]);
  const fetchMs = ms(started);
  const rssAfterFetchMb = Math.round(process.resourceUsage().maxRSS / 1024);
  await client.close();
  collectGarbage();
  const heapPerRow = (process.memoryUsage().heapUsed - heapBefore) / store.length;

  started = performance.now();
  const digest = computeDigestFigures({
    usageRows: store,
    reviewRows,
    responseRows,
    now: NOW,
    surfaceOf,
    topN: 10,
  });
  const digestMs = ms(started);
  started = performance.now();
  const adoption90 = computeAdoption(store, { window, bucket: 'day', surfaceOf, now: NOW });
  const adoptionMs = ms(started);
  started = performance.now();
  const report = buildWeeklyDigest(digest);
  const reportMs = ms(started);

  const renderer = createChartRenderer({ renderer: 'local', quickchartUrl: '' }, { logger });
  const specs = [report.parent, ...report.replies].flatMap((message) => message.charts);
  started = performance.now();
  await renderer.render(buildAdoptionChart(adoption90));
  const coldMs = ms(started);
  const charts = specs.map((spec) => ({ chart: spec.key, times: [] as number[] }));
  for (let run = 0; run < runs; run++) {
    for (const [i, spec] of specs.entries()) {
      const t = performance.now();
      await renderer.render(spec, { preferPng: true });
      charts[i]?.times.push(performance.now() - t);
    }
  }
  const medians = charts.map((c) => ({ chart: c.chart, 'median ms': Number(median(c.times).toFixed(1)) }));
  const chartsMs = medians.reduce((sum, c) => sum + c['median ms'], 0);
  const figuresMs = digestMs + adoptionMs;
  const totalMs = Number((figuresMs + reportMs + chartsMs).toFixed(1));
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

  console.log(
    `Weekly digest: ${users} users × ${days} days = ${store.length} per-user daily rows (simulator in a child process)`,
  );
  console.table([
    { step: `fetch ${days} days of rows (separate)`, ms: fetchMs },
    { step: 'digest figures (2 weeks + streak history)', ms: digestMs },
    { step: `${days}-day adoption series`, ms: adoptionMs },
    { step: 'build digest report (blocks + chart specs)', ms: reportMs },
    { step: `render ${specs.length} charts (sum of medians)`, ms: Number(chartsMs.toFixed(1)) },
    { step: 'first render (loads chart.js, canvas, font; excluded)', ms: coldMs },
  ]);
  console.table(medians);
  console.log(
    `figures + report + charts: ${totalMs} ms (target < 2000); slowest chart median ${Math.max(...medians.map((m) => m['median ms']))} ms (target < 60); ` +
      `heap growth ${Math.round(heapPerRow)} B/row; peak RSS ${rssAfterFetchMb} MB after the pull, ${peakRssMb} MB overall (target < 300)`,
  );
  console.log(
    JSON.stringify({
      bench: 'digest',
      users,
      days,
      rows: store.length,
      fetchMs,
      digestMs,
      adoptionMs,
      reportMs,
      chartsMs: Number(chartsMs.toFixed(1)),
      totalMs,
      charts: medians,
      heapBytesPerRow: Math.round(heapPerRow),
      peakRssMb,
    }),
  );
}

if (values.role === 'server') {
  const sim = await startSimulator({ port: 0, users, seed: 'bench', now: () => NOW });
  console.log(JSON.stringify({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, workspaceId: sim.workspaceId }));
  process.once('SIGTERM', () => void sim.close().then(() => process.exit(0)));
} else if (getHeapStatistics().heap_size_limit < OLD_PATH_HEAP_MB * 1_048_576 * 0.9) {
  // Plain API rows of 90 days × 20,000 users (~2.5 KB each) do not fit the production heap cap that
  // `npm run bench` sets; production's digest reads the warehouse instead (issue 11 §4). Run again with
  // the heap this in-memory measurement needs (a flag on the command line wins over NODE_OPTIONS).
  const again = spawn(
    process.execPath,
    [`--max-old-space-size=${OLD_PATH_HEAP_MB}`, ...rerunArgs(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exitCode = await new Promise<number>((resolve) => again.once('exit', (code) => resolve(code ?? 1)));
} else {
  const server = spawn(
    process.execPath,
    [...rerunArgs(import.meta.url), '--role', 'server', '--users', String(users)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    await bench(JSON.parse(await firstLine(server)));
  } finally {
    server.kill('SIGTERM');
  }
}
