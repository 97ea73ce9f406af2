/**
 * The cron half of a scheduler (the digest, warehouse-sync, identity-refresh and alert schedulers):
 * node-cron says *when to look*, one look runs at a time (a tick asked for during a look joins it), and
 * `stop()` ends it all the same way for each — no more looks, the look in progress is asked to wrap up through its signal, and stop
 * resolves once it has. What a look does, and what "due" means, stays with each scheduler.
 */
import cron, { type Logger as CronLogger, type ScheduledTask } from 'node-cron';
import type { Logger } from './logger.js';

export interface CronTicks<T> {
  /** One look now, or the one in progress; `stoppedValue` once stopped. */
  tick(): Promise<T>;
  /** Stops the cron, aborts the look in progress with `reason` and waits for it. Idempotent. */
  stop(reason: string): Promise<void>;
}

export interface CronTicksOptions<T> {
  /** The node-cron task's name (in its logs). */
  name: string;
  /** Cron expression, in UTC. */
  expression: string;
  logger: Logger;
  /** One look; `signal` aborts when the scheduler stops. Must not throw: a look logs its own failure. */
  look: (signal: AbortSignal) => Promise<T>;
  /** What `tick()` resolves to after `stop()`. */
  stoppedValue: T;
  /** Test seam: no cron, only `tick()`. */
  manual: boolean;
}

export function startCronTicks<T>(options: CronTicksOptions<T>): CronTicks<T> {
  const { logger } = options;
  let running: Promise<T> | null = null;
  let stopped = false;
  const stopping = new AbortController();

  const tick = (): Promise<T> => {
    if (running) return running;
    if (stopped) return Promise.resolve(options.stoppedValue);
    const look = options.look(stopping.signal).finally(() => {
      running = null;
    });
    running = look;
    return look;
  };

  // node-cron's own messages through our logger; its info lines are routine, so debug.
  const cronLogger: CronLogger = {
    info: (message) => logger.debug(message),
    warn: (message) => logger.warn(message),
    error: (message) => logger.error(String(message)),
    debug: (message) => logger.debug(String(message)),
  };
  const task: ScheduledTask | null = options.manual
    ? null
    : cron.schedule(options.expression, () => tick(), {
        name: options.name,
        timezone: 'UTC',
        // A look still running (Slack pacing, a backfill) makes the next minute's skip, not pile up.
        noOverlap: true,
        logger: cronLogger,
      });

  return {
    tick,
    async stop(reason) {
      if (stopped) return;
      stopped = true;
      stopping.abort(new Error(reason));
      if (task) {
        await task.stop();
        await task.destroy();
      }
      if (running) await running;
    },
  };
}
