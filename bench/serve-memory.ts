/**
 * `serve`'s memory on the embedded default (issue 11, part 7: idle ≤ 200 MB, ≤ 350 MB with a 20,000-user
 * × 365-day warehouse, first-start peak ≤ 400 MB). Starts the real `codex-pulse serve` as a child process
 * — its own RSS, nobody else's — against a fake Slack and the simulator held here, and reads
 * /proc/<pid>/status (VmHWM: peak resident set; VmRSS: now):
 *  1. first start on an empty DATA_DIR, the Codex API unreachable (so the warehouse stays empty): the
 *     first-start peak (both embedded databases created, migrations) and the idle RSS after it;
 *  2. `codex-pulse sync` of the simulated workspace into that DATA_DIR (its own peak);
 *  3. `serve` again on the synced DATA_DIR: the peak of an ordinary start and the idle RSS with data;
 *  4. the issue's warehouse — `--warehouse-users` × `--warehouse-days` per-user daily rows (default
 *     20,000 × 365, 56% of user-days active: ~4.1M rows, one client each, as in the issue's spike) —
 *     written into that DATA_DIR's warehouse here, with a sync run recorded so `serve` does not re-sync,
 *     then `serve` once more: its start peak and idle RSS beside a full warehouse. 0 users skips it;
 *  5. the first start the target is about: `serve` on another empty DATA_DIR against a simulated workspace
 *     of `--first-start-users` (default 20,000) at 50 ms latency, so its first sync is the 90-day backfill:
 *     VmHWM from start to the backfill's end ("sync: finished" in its log), and how long that took.
 *     0 users skips it.
 *
 * Run: node bin/run-ts.js bench/serve-memory.ts [--users 200] [--settle-s 10]
 *      [--warehouse-users 20000] [--warehouse-days 365] [--first-start-users 20000]
 *      [--entry path/to/cli/bin.js]   (another checkout's compiled entry, for a before/after comparison)
 * Under `npm run bench` the children run the compiled entry (dist-bench/src/cli/bin.js), as production
 * runs dist/; from source they run bin/codex-pulse.js, whose TypeScript loader adds ~36 MB to each figure.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/clock.js';
import { type UsageRow, usageRowSchema } from '../src/codex/schemas.js';
import { startFakeSlack } from '../src/dev/fake-slack/fake-slack.js';
import { startSimulator } from '../src/dev/simulator/start-simulator.js';
import { DAY_SECONDS } from '../src/domain/utc-days.js';
import { createLogger } from '../src/logger.js';
import { openWarehouse } from '../src/warehouse/open-warehouse.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '200' },
    'settle-s': { type: 'string', default: '10' },
    entry: { type: 'string' },
    'warehouse-users': { type: 'string', default: '20000' },
    'warehouse-days': { type: 'string', default: '365' },
    'first-start-users': { type: 'string', default: '20000' },
  },
});
const users = Number(values.users);
const settleMs = Number(values['settle-s']) * 1000;
const warehouseUsers = Number(values['warehouse-users']);
const warehouseDays = Number(values['warehouse-days']);
const firstStartUsers = Number(values['first-start-users']);
/** The production image's heap cap (Dockerfile): without it V8 postpones collections and RSS measures garbage. */
const NODE_OPTIONS = '--max-old-space-size=256';

const self = fileURLToPath(import.meta.url);
const entry =
  values.entry !== undefined
    ? [values.entry]
    : self.endsWith('.ts')
      ? [fileURLToPath(new URL('../bin/codex-pulse.js', import.meta.url))]
      : [fileURLToPath(new URL('../src/cli/bin.js', import.meta.url))];

interface Memory {
  rssMb: number;
  peakMb: number;
}

/** VmRSS and VmHWM of `pid`, in MB. */
async function memoryOf(pid: number): Promise<Memory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [...entry, ...args], {
    env: { ...process.env, NODE_OPTIONS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves when the child prints a line matching `ready`; rejects if it exits first. */
function waitFor(child: ChildProcess, ready: RegExp): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    if (!child.stdout) throw new Error('no stdout pipe');
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (ready.test(line)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before ready: ${stderr}`)));
  });
}

/** Starts serve, waits until it runs and `settleMs` more, samples idle RSS (median of 5), stops it. */
async function measureServe(env: NodeJS.ProcessEnv): Promise<Memory> {
  const child = run(['serve'], env);
  const pid = child.pid;
  if (pid === undefined) throw new Error('serve did not start');
  let peakMb = 0;
  // VmHWM is the kernel's own high-water mark; polling only keeps the last figure before exit.
  await waitFor(child, /Codex Pulse is running/);
  await sleep(settleMs);
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const memory = await memoryOf(pid);
    samples.push(memory.rssMb);
    peakMb = memory.peakMb;
    await sleep(1000);
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  samples.sort((a, b) => a - b);
  return { rssMb: samples[2] ?? Number.NaN, peakMb };
}

/** Runs `codex-pulse sync` to its end, polling its VmHWM (the last reading before it exits). */
async function measureSync(env: NodeJS.ProcessEnv): Promise<{ peakMb: number; seconds: number }> {
  const started = performance.now();
  const child = run(['sync'], env);
  const pid = child.pid;
  if (pid === undefined) throw new Error('sync did not start');
  let peakMb = 0;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  child.stdout?.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let done = false;
  void exited.then(() => {
    done = true;
  });
  while (!done) {
    // An exited (zombie) process has no VmHWM line: keep the last real reading.
    peakMb = await memoryOf(pid).then(
      (m) => (Number.isNaN(m.peakMb) ? peakMb : Math.max(peakMb, m.peakMb)),
      () => peakMb,
    );
    await sleep(100);
  }
  const code = await exited;
  if (code !== 0) throw new Error(`sync exited ${code}: ${stderr}`);
  return { peakMb, seconds: Math.round((performance.now() - started) / 100) / 10 };
}

/**
 * `serve` on an empty `dataDir` against a reachable workspace: its first sync (at start) is the backfill.
 * Polls VmHWM until the log says the sync finished (or failed: thrown), then stops serve.
 */
async function measureFirstStart(env: NodeJS.ProcessEnv): Promise<{ peakMb: number; seconds: number }> {
  const started = performance.now();
  // Info, for the sync's "finished" line (on stderr, as every log line).
  const child = run(['serve'], { ...env, LOG_LEVEL: 'info' });
  const pid = child.pid;
  if (pid === undefined) throw new Error('serve did not start');
  child.stdout?.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const synced = new Promise<void>((resolve, reject) => {
    if (!child.stderr) throw new Error('no stderr pipe');
    createInterface({ input: child.stderr }).on('line', (line) => {
      if (line.includes('"sync: finished"')) resolve();
      else if (line.includes('"sync: failed"')) reject(new Error(`first sync failed: ${line}`));
    });
    void exited.then((code) => reject(new Error(`serve exited (${code}) before its first sync ended`)));
  });
  let done = false;
  const finished = synced.finally(() => {
    done = true;
  });
  finished.catch(() => undefined);
  let peakMb = 0;
  while (!done) {
    peakMb = await memoryOf(pid).then(
      (m) => (Number.isNaN(m.peakMb) ? peakMb : Math.max(peakMb, m.peakMb)),
      () => peakMb,
    );
    await sleep(200);
  }
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  try {
    await finished;
    // VmHWM never falls: the last reading, taken now, covers the whole backfill.
    peakMb = Math.max(peakMb, (await memoryOf(pid)).peakMb);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
  return { peakMb, seconds };
}

/**
 * Fills `dataDir`'s embedded warehouse with `warehouseUsers` × `warehouseDays` of per-user rows ending
 * today (a deterministic 56% of user-days active) and records a successful sync run now, so a `serve`
 * started on it finds the warehouse fresh. Returns the rows written.
 */
async function fillWarehouse(dataDir: string): Promise<number> {
  const warehouse = await openWarehouse(
    { dataDir, memoryLimitMb: 128, threads: 2 },
    { clock: systemClock, logger: createLogger({ level: 'warn' }) },
  );
  const now = systemClock.now();
  const today = Math.floor(now.getTime() / 1000 / DAY_SECONDS) * DAY_SECONDS;
  const firstDay = today - (warehouseDays - 1) * DAY_SECONDS;
  const template = usageRowSchema.parse({
    start_time: 0,
    end_time: DAY_SECONDS,
    user_id: 'x',
    totals: { threads: 1, turns: 4, credits: 2.5 },
    clients: [{ client_id: 'CODEX_CLI', threads: 1, turns: 4, credits: 2.5 }],
  });
  const draw = (user: number, day: number) => {
    let h = Math.imul(user + 1, 0x9e3779b1) ^ Math.imul(day + 7, 0x85ebca77);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    return ((h ^ (h >>> 12)) >>> 0) / 2 ** 32;
  };
  let rows = 0;
  try {
    for (let d = 0; d < warehouseDays; d += 1) {
      const start = firstDay + d * DAY_SECONDS;
      const day: UsageRow[] = [];
      for (let u = 0; u < warehouseUsers; u += 1) {
        if (draw(u, d) >= 0.56) continue;
        day.push({ ...template, start_time: start, end_time: start + DAY_SECONDS, user_id: `user-${u}` });
      }
      rows += await warehouse.replaceUserUsage({ start, end: start + DAY_SECONDS }, day);
    }
    const window = { start: firstDay, end: today + DAY_SECONDS };
    await warehouse.startSyncRun({ id: 'bench-fill', kind: 'backfill', startedAt: now, window });
    await warehouse.finishSyncRun('bench-fill', { finishedAt: now, requests: 0, rows, outcome: 'ok' });
  } finally {
    await warehouse.close();
  }
  return rows;
}

const sim = await startSimulator({ users, now: () => systemClock.now() });
const fake = await startFakeSlack();
const dataDir = await mkdtemp(join(tmpdir(), 'bench-serve-memory-'));
const base: NodeJS.ProcessEnv = {
  DATA_DIR: dataDir,
  CODEX_API_KEY: sim.apiKey,
  CODEX_WORKSPACE_ID: sim.workspaceId,
  CODEX_API_REQUESTS_PER_MINUTE: '0',
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: 'bench-signing-secret',
  SLACK_API_URL: fake.url,
  SLACK_BOT_ID: 'B0FAKEBOT1',
  SLACK_BOT_USER_ID: 'U0FAKEBOT1',
  PORT: '0',
  LOG_LEVEL: 'error',
};
try {
  console.log(
    `serve memory: ${users} simulated users, idle after ${settleMs / 1000} s, entry ${entry.join(' ')}, ` +
      `NODE_OPTIONS ${NODE_OPTIONS}, load ${loadavg()[0]?.toFixed(1)} (shared machine)`,
  );
  // Nothing listens on port 9 of loopback: the sync at start fails fast and the warehouse stays empty.
  const empty = await measureServe({ ...base, CODEX_API_BASE_URL: 'http://127.0.0.1:9/v1/analytics/codex' });
  const sync = await measureSync({ ...base, CODEX_API_BASE_URL: sim.baseUrl });
  const synced = await measureServe({ ...base, CODEX_API_BASE_URL: sim.baseUrl });
  let full: (Memory & { rows: number; fillSeconds: number }) | undefined;
  if (warehouseUsers > 0) {
    const fillStarted = performance.now();
    const rows = await fillWarehouse(dataDir);
    const fillSeconds = Math.round((performance.now() - fillStarted) / 100) / 10;
    full = { ...(await measureServe({ ...base, CODEX_API_BASE_URL: sim.baseUrl })), rows, fillSeconds };
  }
  let firstStart: { peakMb: number; seconds: number } | undefined;
  if (firstStartUsers > 0) {
    const workspace = await startSimulator({
      users: firstStartUsers,
      now: () => systemClock.now(),
      faults: { latencyMs: 50 },
    });
    const firstDir = await mkdtemp(join(tmpdir(), 'bench-serve-memory-first-'));
    try {
      firstStart = await measureFirstStart({
        ...base,
        DATA_DIR: firstDir,
        CODEX_API_KEY: workspace.apiKey,
        CODEX_WORKSPACE_ID: workspace.workspaceId,
        CODEX_API_BASE_URL: workspace.baseUrl,
      });
    } finally {
      await workspace.close();
      await rm(firstDir, { recursive: true, force: true });
    }
  }
  const rows = [
    ['serve, first start, empty warehouse', `${empty.peakMb}`, `${empty.rssMb}`],
    [`sync of ${users} users × 90 days (${sync.seconds} s)`, `${sync.peakMb}`, '–'],
    ['serve, restart on the synced DATA_DIR', `${synced.peakMb}`, `${synced.rssMb}`],
    ...(full
      ? [
          [
            `serve on ${warehouseUsers} users × ${warehouseDays} d (${(full.rows / 1e6).toFixed(1)}M rows)`,
            `${full.peakMb}`,
            `${full.rssMb}`,
          ],
        ]
      : []),
    ...(firstStart
      ? [
          [
            `serve, first start on ${firstStartUsers} users (backfill ${firstStart.seconds} s)`,
            `${firstStart.peakMb}`,
            '–',
          ],
        ]
      : []),
  ];
  console.log(`${'process'.padEnd(56)} ${'peak MB'.padStart(8)} ${'idle MB'.padStart(8)}`);
  for (const [name, peak, idle] of rows)
    console.log(`${name?.padEnd(56)} ${peak?.padStart(8)} ${idle?.padStart(8)}`);
  console.log(
    JSON.stringify({
      bench: 'serve-memory',
      users,
      firstStartPeakMb: empty.peakMb,
      idleEmptyMb: empty.rssMb,
      syncPeakMb: sync.peakMb,
      restartPeakMb: synced.peakMb,
      idleSyncedMb: synced.rssMb,
      ...(full
        ? {
            warehouseRows: full.rows,
            warehouseFillSeconds: full.fillSeconds,
            fullWarehousePeakMb: full.peakMb,
            idleFullWarehouseMb: full.rssMb,
          }
        : {}),
      ...(firstStart
        ? {
            firstStartUsers,
            firstStartBackfillPeakMb: firstStart.peakMb,
            firstStartBackfillSeconds: firstStart.seconds,
          }
        : {}),
    }),
  );
} finally {
  await fake.close();
  await sim.close();
  await rm(dataDir, { recursive: true, force: true });
}
