import type { AlertHistory } from '../src/analytics/alert-history.js';
import type { WorkspaceAnalytics } from '../src/analytics/workspace-analytics.js';
import type { DigestService } from '../src/digests/digest-service.js';
import type { Logger } from '../src/logger.js';
import type { AlertStore, BudgetStore } from '../src/store/alert-store-types.js';
import type { DeliveryStore, SubscriptionStore } from '../src/store/store-types.js';
import type { TeamAnalytics } from '../src/teams/create-team-analytics.js';
import type { NudgeService } from '../src/teams/nudge-service.js';

/** Scheduled digests: the subscription store, its delivery history and the service that delivers. */
export interface DigestDeps {
  subscriptions: SubscriptionStore;
  deliveries: DeliveryStore;
  service: DigestService;
}

/** Alerts (issue 13): the history rules are judged over, and where rules are kept. */
export interface AlertDeps {
  history: AlertHistory;
  /** The store's rules; absent where no store is open (`preview` still works). */
  rules?: AlertStore;
  /** The store's monthly budgets (issue 13 §3); absent where no store is open. */
  budgets?: BudgetStore;
}

/** Teams (issue 12): their figures from the warehouse, and the nudge DMs where Slack is configured. */
export interface TeamDeps {
  analytics: TeamAnalytics;
  /** Absent where the bot cannot send DMs (no bot token): `nudge` says so. */
  nudges?: NudgeService;
}

/** What every subcommand gets: the one door to figures, the logger, and the default list length. */
export interface CommandDeps {
  analytics: WorkspaceAnalytics;
  logger: Logger;
  /** Users listed in the digest preview's top-users reply; default 10. */
  defaultTopN?: number;
  /**
   * Scheduled digests; absent on a deployment without the store, where `digest subscribe|list|…`
   * answer that scheduling isn't configured (`digest preview` without an id still works).
   */
  digests?: DigestDeps;
  /** Alert rules; absent where there is no warehouse to judge them over. */
  alerts?: AlertDeps;
  /** Team figures; absent where no warehouse holds teams, when the team commands say so. */
  teams?: TeamDeps;
}

/** The digest's top-users length when the deployment does not set one. */
export const DEFAULT_TOP_N = 10;
