import type { CustomRoute } from '@slack/bolt';
import type { Clock } from '../clock.js';
import { errorCode } from '../errors.js';
import type { Logger } from '../logger.js';

/** What must answer before the bot takes traffic: today, the store (`Store.ping`). */
export type ReadinessCheck = () => Promise<void>;

/**
 * `GET /readyz` → 200 `{ ok: true }` when the store answers, 503 `{ ok: false, reason }` while it does
 * not (or not within `timeoutMs` on `clock`), so a load balancer sends work elsewhere. `/healthz` stays
 * liveness: a store outage must not get the process restarted.
 */
export function readyRoute(deps: {
  check: ReadinessCheck;
  clock: Clock;
  logger: Logger;
  timeoutMs: number;
}): CustomRoute {
  const reply = (res: Parameters<CustomRoute['handler']>[1], status: number, body: object) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  return {
    path: '/readyz',
    method: ['GET'],
    handler: (_req, res) => {
      const stop = new AbortController();
      const deadline = deps.clock
        .until(new Date(deps.clock.now().getTime() + deps.timeoutMs), stop.signal)
        .then(() => {
          throw new Error(`store did not answer within ${deps.timeoutMs} ms`);
        });
      Promise.race([deps.check(), deadline])
        .then(
          () => reply(res, 200, { ok: true }),
          (error: unknown) => {
            deps.logger.warn('not ready', { code: errorCode(error) });
            reply(res, 503, { ok: false, reason: `store unreachable (${errorCode(error)})` });
          },
        )
        .finally(() => stop.abort());
      // The aborted deadline rejects with the abort reason: nobody is waiting for it any more.
      deadline.catch(() => {});
    },
  };
}
