/**
 * Alerts after each sync (issue 13, part 2), inside `serve`. node-cron only says when to look (every
 * minute); rules are judged when the warehouse's newest successful sync is one this process has not
 * judged after yet — whichever replica, schedule or `codex-pulse sync` ran it. After a restart the first
 * look judges once more, which posts nothing new: each (rule, period) is claimed once in the store.
 */
import { startCronTicks } from '../cron-ticks.js';
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
  const manual = options.manual ?? false;
  let judgedAfter: string | null = null;

  const look = async (): Promise<AlertTick> => {
    try {
      const last = await options.warehouse.lastSuccessfulSync();
      if (last === null || last.id === judgedAfter) return { status: 'idle' };
      const summary = await options.run();
      judgedAfter = last.id;
      if (summary.posted + summary.failed + summary.suppressed > 0) {
        logger.info('alerts judged', { syncId: last.id, ...summary });
      }
      return { status: 'ran', syncId: last.id, summary };
    } catch (error) {
      logger.error('alert tick failed', error, { code: errorCode(error) });
      return { status: 'failed' };
    }
  };
  const ticks = startCronTicks<AlertTick>({
    name: 'codex-pulse-alerts',
    expression: '* * * * *',
    logger,
    manual,
    stoppedValue: { status: 'stopped' },
    look,
  });
  if (!manual) void ticks.tick();
  return { tick: ticks.tick, stop: () => ticks.stop('alert scheduler stopping') };
}
