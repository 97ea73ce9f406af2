import type { Clock } from '../clock.js';
import { startCronTicks } from '../cron-ticks.js';
import { errorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { DigestService, RunSummary } from './digest-service.js';

export interface DigestScheduler {
  /** One tick: deliver what is due at the clock's now. What the cron calls; tests call it directly. */
  tick(): Promise<RunSummary | null>;
  /**
   * Stops the cron and waits for a tick in progress, which it asks to wrap up: each message being
   * posted finishes and is recorded, the rest of its thread stays claimed until the lease expires and is
   * then resumed by any replica (or this one after a restart). Idempotent.
   */
  stop(): Promise<void>;
}

export interface DigestSchedulerOptions {
  service: DigestService;
  clock: Clock;
  logger: Logger;
  /** Cron expression in UTC; default every minute (subscriptions are to the minute, in any zone). */
  expression?: string;
  /** Test seam: no cron at all, only `tick()`. */
  manual?: boolean;
}

/**
 * node-cron only says *when* to look; what is due is decided by the service from the injected clock,
 * per subscription and in its own zone (src/domain/digest-schedule.ts), so DST and missed minutes are handled there,
 * not by cron. `noOverlap`: a tick still delivering (Slack pacing can take minutes) makes the next one
 * skip; the late one's work is picked up because each tick looks at the most recent due instant.
 */
export function startDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const { service, clock, logger } = options;
  const ticks = startCronTicks<RunSummary | null>({
    name: 'codex-pulse-digests',
    expression: options.expression ?? '* * * * *',
    logger,
    manual: options.manual ?? false,
    stoppedValue: null,
    async look(signal) {
      try {
        const summary = await service.runDue(clock.now(), { signal });
        const counts: Record<string, number> = {};
        for (const r of summary.results) counts[r.outcome.status] = (counts[r.outcome.status] ?? 0) + 1;
        if (Object.keys(counts).some((status) => status !== 'already')) logger.info('digest tick', counts);
        return summary;
      } catch (error) {
        // A tick that cannot even list subscriptions (store down) must not kill the process: log, retry next minute.
        logger.error('digest tick failed', { code: errorCode(error) }, error);
        return null;
      }
    },
  });
  return { tick: ticks.tick, stop: () => ticks.stop('digest scheduler stopping') };
}
