/**
 * `codex-pulse demo` (`npm run demo`, the README's first command): no configuration needed. Starts the
 * simulator in-process with the demo credentials and 200 users, syncs months of its history into a
 * scratch warehouse (demo-history.ts), reads it through the real client over HTTP, prints a short summary
 * of real figures, previews the weekly digest with its charts, then opens the local playground
 * (src/dev/playground) where the real bot, configured with that warehouse, answers `/codex` in a
 * Slack-like page. The scratch warehouse is removed when the demo ends.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { CliCommand, CliIo } from '../../cli/cli-command.js';
import { type CodexSession, openCodexSession } from '../../cli/codex-session.js';
import { runPreview } from '../../cli/preview.js';
import { describeWritten } from '../../cli/write-preview.js';
import { loadConfig } from '../../config/env.js';
import { CodexPulseError, UsageError } from '../../errors.js';
import { createLogger } from '../../logger.js';
import { openDigestRuntime } from '../../main/digest-runtime.js';
import { startPlayground } from '../playground/start-playground.js';
import { type DemoHistory, HISTORY_STEPS_DAYS, syncDemoHistory } from './demo-history.js';
import { demoSummary } from './demo-summary.js';

const DEFAULT_PORT = 3030;
const DEMO_USERS = 200;

const usage = `Usage: codex-pulse demo [--out DIR] [--port N] [--no-playground]

Runs Codex Pulse against its built-in simulator (200 simulated users): syncs about nine months of its
history into a scratch warehouse (as of ${HISTORY_STEPS_DAYS.join(', ')} days ago), prints last week's figures,
writes the weekly digest's Block Kit JSON and chart PNGs to DIR (default ./out), then serves the local
playground on http://127.0.0.1:N (default ${DEFAULT_PORT}; 0 picks a free port) until Ctrl-C: a
Slack-like page where the real bot answers /codex commands. Needs no configuration and no Slack app.
  --no-playground   stop after the summary and the preview`;

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'Try Codex Pulse on simulated data: figures, the weekly digest in ./out, a local Slack playground',
  usage,
  options: { out: { type: 'string' }, port: { type: 'string' }, 'no-playground': { type: 'boolean' } },
  async run({ values }, io) {
    const outDir = typeof values.out === 'string' ? values.out : './out';
    const port = parsePort(values.port);
    // The demo's own DATA_DIR: the synced warehouse lives there, never in the person's ./data.
    const dataDir = await mkdtemp(join(tmpdir(), 'codex-pulse-demo-'));
    try {
      const demoIo: CliIo = { ...io, env: { ...io.env, DATA_DIR: dataDir } };
      io.stdout(
        `Codex Pulse demo — simulated workspace with ${DEMO_USERS} users, read over HTTP by the real client.\n\n`,
      );
      io.stdout(`${describeHistory(await syncHistory(demoIo))}\n\n`);
      if (io.stopSignal.aborted) return 0;
      const session = await openCodexSession(demoIo, { simulator: 'always', users: DEMO_USERS });
      try {
        io.stdout(`${await demoSummary(session.composition)}\n\n`);
        const written = await runPreview(session, 'digest', { outDir });
        io.stdout(
          `Weekly digest preview (${written.length} messages):\n${describeWritten(written, { links: false })}\n\n`,
        );
        io.stdout(
          `Files are in ${outDir}. 'codex-pulse preview digest' also prints Block Kit Builder links; connect Slack next (README).\n`,
        );
        if (values['no-playground'] !== true) await servePlayground(session, port, io);
        return 0;
      } finally {
        await session.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};

/** Months of simulated history into the demo's warehouse; quiet logs unless LOG_LEVEL asks. */
function syncHistory(io: CliIo): Promise<DemoHistory> {
  const config = loadConfig(io.env);
  const logger = createLogger({
    level: io.env.LOG_LEVEL ? config.logLevel : 'error',
    write: (line) => io.stderr(`${line}\n`),
  });
  return syncDemoHistory(io, config, { users: DEMO_USERS, logger });
}

function describeHistory(history: DemoHistory): string {
  const figures = `${history.rows.toLocaleString('en-US')} rows, ${history.requests} requests, ${history.seconds.toFixed(1)} s`;
  const synced = `History: ${history.first}..${history.last} synced into the demo's warehouse (${figures}).`;
  if (history.failed === null) return synced;
  const failed = history.failed;
  const why = `${failed.errorCode ?? failed.outcome}: ${failed.error ?? 'unknown error'}`;
  return history.runs.length === 0
    ? `History: not synced (${why}).`
    : `${synced}\nThe next sync stopped (${why}).`;
}

async function servePlayground(session: CodexSession, port: number, io: CliIo): Promise<void> {
  if (io.stopSignal.aborted) return;
  const playground = await startPlayground({
    config: session.config,
    composition: session.composition,
    port,
    wallClock: io.clock,
    quietTimer: io.quietTimer,
    // The fake Slack's people match the demo simulator's actors (same seed and user count).
    people: { seed: session.config.simulator.seed, users: DEMO_USERS },
    // The real digest service, over a scratch store and the playground's fake Slack.
    openDigests: (sections) => openDigestRuntime(session.composition, sections),
    // "Sync with a spike, then run alerts": the in-process simulator restates a day with a spike.
    ...(session.spike ? { spike: session.spike } : {}),
    // "Stop the Codex API": the in-process simulator stops listening until started again.
    ...(session.setApiRunning ? { setApiRunning: session.setApiRunning } : {}),
  }).catch((error: unknown) => {
    if ((error as { code?: unknown }).code !== 'EADDRINUSE') throw error;
    throw new CodexPulseError(
      'port_in_use',
      `port ${port} is in use: pick another with --port N (or --port 0 for any free port)`,
      { cause: error },
    );
  });
  try {
    io.stdout(
      `\nPlayground: ${playground.url}\n  The real bot in a local, Slack-like channel: type /codex usage last-week. Ctrl-C to stop.\n`,
    );
    await new Promise<void>((resolve) => {
      if (io.stopSignal.aborted) resolve();
      else io.stopSignal.addEventListener('abort', () => resolve(), { once: true });
    });
    io.stdout('Stopping the playground…\n');
  } finally {
    await playground.close();
  }
}

function parsePort(raw: string | boolean | undefined): number {
  if (raw === undefined || typeof raw === 'boolean') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--port expects a port number 0–65535, got '${raw}'`);
  return port;
}
