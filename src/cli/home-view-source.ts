import { buildHomeView } from '../../reports/home-view.js';
import type { WorkspaceAnalytics } from '../analytics/workspace-analytics.js';
import type { Clock } from '../clock.js';
import { errorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { HomeViewBuilder } from '../slack/app-home.js';
import { lastCompleteWeek } from './utc-windows.js';

/**
 * The App Home content: the last complete week's usage (through the analytics cache, so reopening the
 * tab is cheap) built by the pure `buildHomeView`. A failed fetch still publishes a view that says so,
 * rather than leaving the tab blank; the failure is logged with its code.
 */
export function createHomeViewSource(deps: {
  analytics: WorkspaceAnalytics;
  clock: Clock;
  logger: Logger;
}): HomeViewBuilder {
  return async ({ userId, isAdmin }) => {
    const window = lastCompleteWeek(deps.clock.now());
    try {
      const usage = await deps.analytics.usage(window, { bucket: 'day', surface: null });
      return buildHomeView({ usage, isAdmin });
    } catch (error) {
      deps.logger.warn('App Home figures failed', error, { user: userId, code: errorCode(error) });
      return buildHomeView({ usage: null, isAdmin });
    }
  };
}
