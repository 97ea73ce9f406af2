import type { WorkspaceAnalytics } from '../src/analytics/workspace-analytics.js';
import type { Logger } from '../src/logger.js';

/** What every subcommand gets: the one door to figures, the logger, and the default list length. */
export interface CommandDeps {
  analytics: WorkspaceAnalytics;
  logger: Logger;
  /** Users listed in the digest preview's top-users reply; default 10. */
  defaultTopN?: number;
}

/** The digest's top-users length when the deployment does not set one. */
export const DEFAULT_TOP_N = 10;
