/**
 * The daily identity refresh inside `serve` (issue 12): the scheduler over a teams runtime's refresh and the
 * warehouse's shared refresh history, so replicas refresh once a day between them.
 */
import type { IdentityRefreshJob } from '../teams/create-identity-refresh-job.js';
import {
  type IdentityRefreshScheduler,
  startIdentityRefreshScheduler,
} from '../teams/identity-refresh-scheduler.js';
import type { Composition } from './compose.js';

/**
 * The daily identity refresh inside `serve` (issue 12): looks every ten minutes and at start, refreshes
 * when the shared refresh history says a day has passed (an hour after a failure).
 */
export function startScheduledIdentityRefresh(
  c: Composition,
  refresh: IdentityRefreshJob,
): IdentityRefreshScheduler {
  return startIdentityRefreshScheduler({
    job: refresh,
    history: c.sync.warehouse.teams,
    clock: c.clock,
    logger: c.logger,
  });
}
