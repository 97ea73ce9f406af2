/**
 * The 200-command burst of issue 9, 5.5 (`/codex usage 14d` × 200 at once on a fresh bot warmed with one
 * `usage`), measured two ways side by side, plus the floors under it:
 *  - in-process: the bench process signs, sends and hosts the fake Slack (how it was measured before);
 *  - out-of-process: the driver and the fake Slack are processes of their own (burst-processes.ts), so an
 *    ack time is the bot's; `/healthz` is polled from the otherwise idle bench process;
 *  - floors: the same out-of-process burst against bare node:http and bare Bolt (ack-floors.ts).
 * Each bot also reports its own view of the acks (ack-trace.ts).
 */
import type { FloorKind } from './ack-floors.js';
import type { AckTraceSummary } from './ack-trace.js';
import { type RemoteSlack, startRemoteDriver } from './burst-processes.js';
import { cpusLabel } from './cpu-pinning.js';
import { percentile } from './percentile.js';
import type { Child } from './slack-bench-setup.js';

const r = (n: number) => Math.round(n * 10) / 10;
const r2 = (n: number) => Math.round(n * 100) / 100;
const BURST = 200;

interface CommandResult {
  ackMs: number;
  answerMs: number;
  failed: boolean;
}

export interface BurstContext {
  /** A fresh bot: its process, its port, and `command` through the in-process driver. */
  startBot(
    answerConcurrency: number | undefined,
    options: { slackUrl?: string; nodeArgs?: string[]; baseline?: boolean },
  ): Promise<{ child: Child<{ port: number }>; port: number; command(text: string): Promise<CommandResult> }>;
  spawnFloor(kind: FloorKind, nodeArgs: string[]): Promise<Child<{ port: number }>>;
  remoteSlack: RemoteSlack;
  text: string;
  /** Adds the main out-of-process row for the `--baseline` checkout's bot. */
  baseline: boolean;
  /** Runs the in-process rows. */
  inProcess: boolean;
  /** Runs the out-of-process rows without the limiter and with `/codex help` (false: the main row only). */
  extraRows: boolean;
  /** Rounds of every row; each row shows its round with the median ack p99. */
  rounds: number;
  /** Priority (nice) of the servers and the driver: below 0 keeps other work on a shared machine off their CPU. */
  nice: number;
  /** Profiles (--cpu-prof) the out-of-process bot with the default limiter and the floors into this directory. */
  profileDir: string | undefined;
}

export interface BurstRun {
  name: string;
  ack: { p50: number; p99: number; max: number };
  /** `failed`: polls that got no answer (a reset connection), reported rather than ending the bench. */
  healthz: { p50: number; max: number; n: number; failed: number } | null;
  /** null for the floors, which never answer. */
  answered: number | null;
  answerMax: number;
  wallMs: number;
  botAcks: AckTraceSummary | null;
  /** Over every round: the lowest and highest ack p99 (this run is the round with the median p99). */
  p99Range: [number, number];
  /** The CPUs the server under test and its driver could run on (Cpus_allowed_list), as read during the run. */
  cpus: { server: string; driver: string };
}

/** One round of every row, in an order that lets load drifting on a shared machine touch them all alike. */
async function oneRound(ctx: BurstContext, round: number): Promise<BurstRun[]> {
  const runs: BurstRun[] = [];
  if (ctx.inProcess) {
    runs.push(await botBurst(ctx, 'in-process', 0));
    runs.push(await botBurst(ctx, 'in-process', undefined));
  }
  if (ctx.extraRows) runs.push(await botBurst(ctx, 'out-of-process', 0));
  const main = () => botBurst(ctx, 'out-of-process', undefined);
  if (ctx.baseline) {
    // The two bots take turns going first: in an A/A run (the baseline a copy of this checkout) on a
    // loaded machine, whichever ran first answered ~1 s later with a 1.5× ack p99. Rows keep their places.
    const baseline = () => botBurst(ctx, 'out-of-process', undefined, ctx.text, true);
    let mainRun: BurstRun;
    let baselineRun: BurstRun;
    if (round % 2 === 0) {
      mainRun = await main();
      baselineRun = await baseline();
    } else {
      baselineRun = await baseline();
      mainRun = await main();
    }
    runs.push(mainRun, baselineRun);
  } else runs.push(await main());
  if (ctx.extraRows) runs.push(await botBurst(ctx, 'out-of-process', undefined, 'help'));
  runs.push(await floorBurst(ctx, 'bolt'));
  runs.push(await floorBurst(ctx, 'verify'));
  runs.push(await floorBurst(ctx, 'http'));
  return runs;
}

/** The run with the median ack p99 of one row's rounds, carrying the p99 range. */
function medianRun(runs: BurstRun[]): BurstRun {
  const sorted = [...runs].sort((a, b) => a.ack.p99 - b.ack.p99);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? runs[0];
  if (!median) throw new Error('no rounds');
  return { ...median, p99Range: [sorted[0]?.ack.p99 ?? NaN, sorted.at(-1)?.ack.p99 ?? NaN] };
}

export async function runBurstRows(ctx: BurstContext) {
  const rounds: BurstRun[][] = [];
  for (let round = 0; round < ctx.rounds; round += 1) rounds.push(await oneRound(ctx, round));
  const runs = (rounds[0] ?? []).map((_, row) => medianRun(rounds.map((round) => round[row] as BurstRun)));
  const range = (b: BurstRun) =>
    ctx.rounds > 1 ? ` (${b.p99Range[0]}–${b.p99Range[1]} over ${ctx.rounds})` : '';
  const rows = runs.map((b): [string, string, string, string] => [
    b.name,
    [
      `ack p50 ${b.ack.p50} · p99 ${b.ack.p99}${range(b)} · max ${b.ack.max} ms`,
      // Beside the client's p99: the part of it the server itself saw (accept→ack), and who had which core.
      ...(b.botAcks ? [`server accept→ack p99 ${b.botAcks.connectToAck.p99} ms`] : []),
      `CPUs server ${b.cpus.server}, driver ${b.cpus.driver}`,
      ...(b.healthz
        ? [
            `/healthz p50 ${b.healthz.p50}, max ${b.healthz.max} ms${b.healthz.failed ? `, ${b.healthz.failed} failed` : ''}`,
          ]
        : []),
      ...(b.answered === null ? [] : [`${b.answered}/${BURST} answered (last ${b.answerMax} ms)`]),
    ].join(' · '),
    b.answered === null ? '(floor)' : `ack p99 < 100 ms, ${BURST} answered`,
    b.answered === null ? '' : b.ack.p99 < 100 && b.answered === BURST ? 'ok' : 'MISSED',
  ]);
  // On a shared machine the absolute figures drift with the neighbours' load: each bot row's p99 over
  // the floors' p99 of the same rounds is what compares across runs.
  const floorP99 = (name: string) => runs.find((b) => b.name === name)?.ack.p99;
  const verifyFloor = floorP99('floor: node:http + signature + form parse');
  const httpFloor = floorP99('floor: bare node:http');
  for (const b of runs) {
    if (b.answered === null || verifyFloor === undefined || httpFloor === undefined) continue;
    rows.push([
      `  ratio: ${b.name.replace('200 burst, ', '')}`,
      `ack p99 / node:http+signature floor ${r2(b.ack.p99 / verifyFloor)} · / bare node:http floor ${r2(b.ack.p99 / httpFloor)}`,
      '',
      '',
    ]);
  }
  // Inside each server process (diagnostics channels): queueing before the request is parsed vs the
  // listener's own time to the ack, and the CPU the process got over the burst.
  for (const b of runs) {
    const a = b.botAcks;
    if (!a) continue;
    rows.push([
      `  in the server: ${b.name.replace('200 burst, ', '')}`,
      `accept→ack p50 ${a.connectToAck.p50} · p99 ${a.connectToAck.p99} · max ${a.connectToAck.max} ms (connect→request p99 ${a.connectToRequest.p99}, request→ack p99 ${a.requestToAck.p99}) · first accept→last ack ${a.spanMs} ms, CPU ${a.cpuMs} ms (${r(a.cpuMs / Math.max(1, a.n))} ms/request)`,
      '',
      '',
    ]);
  }
  return { runs, rows };
}

/** `text` overrides the burst's command (`help`: the same acks with answers that cost almost nothing). */
async function botBurst(
  ctx: BurstContext,
  mode: 'in-process' | 'out-of-process',
  answerConcurrency: number | undefined,
  text = ctx.text,
  baseline = false,
): Promise<BurstRun> {
  const remote = mode === 'out-of-process';
  const profile = remote && answerConcurrency === undefined && text === ctx.text;
  const bot = await ctx.startBot(answerConcurrency, {
    ...(remote ? { slackUrl: ctx.remoteSlack.url } : {}),
    nodeArgs: profile ? profileArgs(ctx) : [],
    baseline,
  });
  const driver = remote
    ? await startRemoteDriver(bot.port, ctx.remoteSlack.responseBase, ctx.nice)
    : undefined;
  const send = async (n: number, text: string): Promise<CommandResult[]> => {
    if (!driver) return Promise.all(Array.from({ length: n }, () => bot.command(text)));
    const sent = await driver.burst(n, text);
    const answers = await ctx.remoteSlack.answersFor(
      sent.map((s) => s.responseUrl),
      60_000,
    );
    return sent.map((s, i) => {
      const answer = answers[i];
      return {
        ackMs: s.ackMs,
        answerMs: answer ? answer.at - s.sentAt : Number.NaN,
        failed: s.status !== 200 || !answer || answer.failed,
      };
    });
  };
  await send(1, 'usage');
  const cpus = { server: cpusOf(bot.child.process.pid), driver: cpusOf(driver ? driver.pid : process.pid) };
  const health = pollHealth(bot.port);
  const started = performance.now();
  const results = await send(BURST, text);
  const wallMs = performance.now() - started;
  const healthz = await health.stop();
  driver?.close();
  const botAcks = await stopServer(bot.child);
  const limiter = answerConcurrency === 0 ? 'off' : 'on (default 4)';
  return {
    name: `200 burst, ${mode}, limiter ${limiter}${text === ctx.text ? '' : `, /codex ${text}`}${baseline ? ', BASELINE' : ''}`,
    ack: ackStats(results.map((b) => b.ackMs)),
    healthz,
    answered: results.filter((b) => !b.failed).length,
    answerMax: r(Math.max(...results.map((b) => b.answerMs))),
    wallMs: r(wallMs),
    botAcks,
    p99Range: [Number.NaN, Number.NaN],
    cpus,
  };
}

async function floorBurst(ctx: BurstContext, kind: FloorKind): Promise<BurstRun> {
  const floor = await ctx.spawnFloor(kind, profileArgs(ctx));
  const names: Record<FloorKind, string> = {
    http: 'floor: bare node:http',
    verify: 'floor: node:http + signature + form parse',
    bolt: 'floor: bare Bolt, ack only',
  };
  const driver = await startRemoteDriver(floor.info.port, ctx.remoteSlack.responseBase, ctx.nice);
  await driver.burst(1, 'usage');
  const cpus = { server: cpusOf(floor.process.pid), driver: cpusOf(driver.pid) };
  const started = performance.now();
  const sent = await driver.burst(BURST, ctx.text);
  const wallMs = performance.now() - started;
  driver.close();
  const botAcks = await stopServer(floor);
  return {
    name: names[kind],
    ack: ackStats(sent.map((s) => s.ackMs)),
    healthz: null,
    answered: null,
    answerMax: Number.NaN,
    wallMs: r(wallMs),
    botAcks,
    p99Range: [Number.NaN, Number.NaN],
    cpus,
  };
}

const cpusOf = (pid: number | undefined) => cpusLabel(pid) ?? '?';

function profileArgs(ctx: BurstContext): string[] {
  return ctx.profileDir ? ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', ctx.profileDir] : [];
}

function ackStats(acks: number[]) {
  return { p50: r(percentile(acks, 50)), p99: r(percentile(acks, 99)), max: r(Math.max(...acks)) };
}

/** GET /healthz every 50 ms from this process until stopped. */
function pollHealth(port: number) {
  let polling = true;
  const times: number[] = [];
  let failed = 0;
  const loop = (async () => {
    while (polling) {
      const t = performance.now();
      try {
        await (await fetch(`http://127.0.0.1:${port}/healthz`)).text();
        times.push(performance.now() - t);
      } catch (error) {
        failed += 1;
        console.error(`/healthz poll failed after ${r(performance.now() - t)} ms:`, error);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    async stop() {
      polling = false;
      await loop;
      return { p50: r(percentile(times, 50)), max: r(Math.max(...times)), n: times.length, failed };
    },
  };
}

/** SIGTERM, then the ack trace the server prints on its way out. */
async function stopServer(child: Child<unknown>): Promise<AckTraceSummary | null> {
  let trace: AckTraceSummary | null = null;
  child.onLine((line) => {
    const parsed = JSON.parse(line) as { botAcks?: AckTraceSummary | null };
    if (parsed.botAcks !== undefined) trace = parsed.botAcks;
  });
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGTERM');
  await exited;
  return trace;
}
