/**
 * Alerts after each sync (issue 13, part 2), inside `serve`. node-cron only says when to look (every
 * minute); rules are judged when the warehouse's newest successful sync is one this process has not
 * judged after yet — whichever replica, schedule or `codex-pulse sync` ran it. After a restart the first
 * look judges once more, which posts nothing new: each (rule, period) is claimed once in the store.
 */
import cron, { type Logger as CronLogger, type ScheduledTask } from 'node-cron';
import { errorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { AlertRunSummary } from './run-alerts.js';

export type AlertTick =
  | { status: 'ran'; syncId: string; summary: AlertRunSummary }
  | { status: 'idle' | 'failed' | 'stopped' };

export interface AlertScheduler {
  /** One look: judge the rules if a sync finished since the last run. What the cron calls; tests call it. */
  tick(): Promise<AlertTick>;
  /** Stops the cron and waits for a run in progress. Idempotent. */
  stop(): Promise<void>;
}

export interface AlertSchedulerOptions {
  warehouse: Pick<Warehouse, 'lastSuccessfulSync'>;
  /** Judges every rule and posts what fires (runAlerts with its deps). */
  run: () => Promise<AlertRunSummary>;
  logger: Logger;
  /** Test seam: no cron and no look at start, only `tick()`. */
  manual?: boolean;
}

export function startAlertScheduler(options: AlertSchedulerOptions): AlertScheduler {
  const { logger } = options;
  let judgedAfter: string | null = null;
  let running: Promise<AlertTick> | null = null;
  let stopped = false;

  const look = async (): Promise<AlertTick> => {
    try {
      const last = await options.warehouse.lastSuccessfulSync();
      if (last === null || last.id === judgedAfter) return { status: 'idle' };
      const summary = await options.run();
      judgedAfter = last.id;
      if (summary.posted + summary.failed + summary.suppressed > 0)
        logger.info('alerts judged', { syncId: last.id, ...summary });
      return { status: 'ran', syncId: last.id, summary };
    } catch (error) {
      logger.error('alert tick failed', error, { code: errorCode(error) });
      return { status: 'failed' };
    } finally {
      running = null;
    }
  };
  const tick = (): Promise<AlertTick> => {
    if (running) return running;
    if (stopped) return Promise.resolve({ status: 'stopped' });
    running = look();
    return running;
  };

  const cronLogger: CronLogger = {
    info: (message) => logger.debug(message),
    warn: (message) => logger.warn(message),
    error: (message) => logger.error(String(message)),
    debug: (message) => logger.debug(String(message)),
  };
  let task: ScheduledTask | null = null;
  if (!options.manual) {
    task = cron.schedule('* * * * *', () => tick(), {
      name: 'codex-pulse-alerts',
      timezone: 'UTC',
      noOverlap: true,
      logger: cronLogger,
    });
    void tick();
  }

  return {
    tick,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (task) {
        await task.stop();
        await task.destroy();
      }
      if (running) await running;
    },
  };
}
