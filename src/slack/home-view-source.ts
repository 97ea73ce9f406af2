import { buildHomeView } from '../../reports/home/home-view.js';
import type { SubscriptionWithRuns } from '../../reports/subscriptions/digest-subscriptions-report.js';
import type { WorkspaceAnalytics } from '../analytics/workspace-analytics.js';
import type { Clock } from '../clock.js';
import { lastClosedWeek } from '../domain/utc-days.js';
import { errorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { DeliveryStore, SubscriptionStore } from '../store/store-types.js';
import { describeSyncStatus, type SyncStatusSource } from '../sync/sync-status.js';
import type { HomeViewBuilder } from './app-home.js';

/** Runs per subscription loaded for Home (it shows the newest two). */
const HOME_RUNS_LOADED = 2;

/** The subscription store and run history App Home lists; absent without the store. */
export interface HomeDigestSource {
  subscriptions: SubscriptionStore;
  deliveries: DeliveryStore;
}

/**
 * The App Home content: the last complete week's usage (through the analytics cache, so reopening the
 * tab is cheap) and, when the store is configured, the scheduled digests with their last runs, built by
 * the pure `buildHomeView`, with a "loading history: 40%" line while the warehouse backfills. A failed
 * fetch still publishes a view that says so, rather than leaving the tab blank; the failure is logged
 * with its code.
 */
export function createHomeViewSource(deps: {
  analytics: WorkspaceAnalytics;
  clock: Clock;
  logger: Logger;
  digests?: HomeDigestSource;
  /** The warehouse sync, where it runs (`serve`): Home says "loading history: 40%" during a backfill. */
  sync?: SyncStatusSource;
}): HomeViewBuilder {
  const loadUsage = async (userId: string) => {
    const window = lastClosedWeek(deps.clock.now());
    try {
      return await deps.analytics.usage(window, { bucket: 'day', surface: null });
    } catch (error) {
      deps.logger.warn('App Home figures failed', error, { user: userId, code: errorCode(error) });
      return null;
    }
  };
  const loadDigests = async (userId: string, source: HomeDigestSource) => {
    try {
      // One workspace per deployment, so every subscription in the store is this team's.
      // Channel digests only: a personal subscription (issue 13 §4) is one person's, not the workspace's.
      const subscriptions = (await source.subscriptions.list()).filter((s) => s.kind === 'channel');
      return await Promise.all(
        subscriptions.map(
          async (subscription): Promise<SubscriptionWithRuns> => ({
            subscription,
            runs: await source.deliveries.recent(subscription.id, HOME_RUNS_LOADED),
          }),
        ),
      );
    } catch (error) {
      deps.logger.warn('App Home digests failed', error, { user: userId, code: errorCode(error) });
      return null;
    }
  };
  return async ({ userId, isAdmin }) => {
    const digestSource = deps.digests;
    const [usage, digests] = await Promise.all([
      loadUsage(userId),
      digestSource === undefined ? undefined : loadDigests(userId, digestSource),
    ]);
    const syncNote = deps.sync ? describeSyncStatus(deps.sync.syncStatus()) : null;
    return buildHomeView({
      usage,
      isAdmin,
      ...(digests === undefined ? {} : { digests }),
      ...(syncNote === null ? {} : { syncNote }),
    });
  };
}
