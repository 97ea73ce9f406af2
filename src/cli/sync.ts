/**
 * `codex-pulse sync [--at ISO]`: one sync of the usage warehouse (issue 11). The first run backfills the
 * API's 90 days; later runs re-pull the trailing days that may still change. Without CODEX_API_KEY it
 * syncs from the in-process simulator (demo data), like `preview`. Progress goes to stderr (a bar on a
 * terminal), the summary to stdout.
 */
import { loadConfig } from '../config/env.js';
import { dayKey } from '../domain/utc-days.js';
import { createLogger } from '../logger.js';
import { standaloneMetrics } from '../main/composition-metrics.js';
import { openSync } from '../main/open-sync.js';
import { describeFreshness } from '../warehouse/describe-freshness.js';
import type { SyncRun } from '../warehouse/warehouse.js';
import type { CliCommand } from './cli-command.js';
import { resolveCodexSource } from './codex-session.js';
import { parseAt } from './parse-at.js';
import { shiftedClock } from './shifted-clock.js';
import { createSyncProgressView } from './sync-progress-view.js';

const usage = `Usage: codex-pulse sync [--at ISO]

Pulls Codex usage and Code Review rows into the warehouse (DuckDB in DATA_DIR/warehouse, or PostgreSQL
with DATABASE_URL). The first run backfills 90 days; later runs re-pull the last SYNC_TRAILING_DAYS
(default 5) days before today, and today. Without CODEX_API_KEY the rows come from the built-in simulator.
  --at ISO   sync as of another instant, e.g. 2026-11-24T10:00:00Z (the simulator's "now" moves too)
             (history before the first sync's 90 days: sync --at 90 days ago, then without --at; syncs
             more than 90 days apart leave the days between their windows unsynced)`;

function summary(run: SyncRun, footer: string): string {
  const days = `${dayKey(run.window.start)}..${dayKey(run.window.end - 1)}`;
  const seconds = ((run.finishedAt ?? run.startedAt).getTime() - run.startedAt.getTime()) / 1000;
  const figures = `${run.requests} requests, ${run.rows.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s`;
  if (run.outcome === 'skipped') return `Sync skipped: another sync of this warehouse is running.\n`;
  if (run.outcome === 'ok') return `Sync ok (${run.kind} ${days}): ${figures}. ${footer}\n`;
  return `Sync failed (${run.kind} ${days}) after ${figures}: ${run.error ?? 'unknown error'} [${run.errorCode}]\n`;
}

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: 'Pull Codex usage into the warehouse (first run: 90 days of history; then the recent days)',
  usage,
  options: { at: { type: 'string' } },
  async run({ values }, io) {
    const config = loadConfig(io.env);
    const clock =
      values.at === undefined ? io.clock : shiftedClock(io.clock, parseAt(values.at, io.clock.now()));
    const simulated = config.codex.demo;
    const logger = createLogger({
      level: io.env.LOG_LEVEL ? config.logLevel : simulated ? 'error' : 'warn',
      write: (line) => io.stderr(`${line}\n`),
    });
    const source = await resolveCodexSource(io, config, { logger, clock });
    try {
      const sync = await openSync(source.config, { clock, logger }, standaloneMetrics());
      try {
        if (source.simulated)
          io.stderr(`sync: no CODEX_API_KEY, syncing from the built-in simulator (demo data)\n`);
        const view = createSyncProgressView(io.stderr, io.stderrIsTTY === true);
        const run = await sync.job.run({ onProgress: view.update, signal: io.stopSignal });
        view.finish();
        io.stdout(summary(run, describeFreshness(await sync.warehouse.freshness(), clock.now())));
        return run.outcome === 'failed' ? 1 : 0;
      } finally {
        await sync.close();
      }
    } finally {
      await source.close();
    }
  },
};
