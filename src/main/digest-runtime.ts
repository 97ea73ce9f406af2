/**
 * The operational store and the digest service over a composition: what `serve` and `digest run` share.
 * Opening the store is I/O, so it is apart from compose(), which opens nothing; preview never opens it.
 */
import type { DigestDeps } from '../../commands/command-deps.js';
import type { SlackConfig, StoreConfig } from '../config/env.js';
import { createDigestService } from '../digests/create-digest-service.js';
import type { DigestService } from '../digests/digest-service.js';
import { createDigestSlackClient } from '../digests/digest-slack-client.js';
import { digestWorkerId } from '../digests/worker-id.js';
import type { SlackClient } from '../slack-posting/slack-client.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store-types.js';
import { createTeamAnalytics } from '../teams/create-team-analytics.js';
import { createTeamsOfMember } from '../teams/teams-of-member.js';
import type { Composition } from './compose.js';

/** The store and the digest service over a composition: what `serve` and `digest run` share. */
export interface DigestRuntime {
  store: Store;
  service: DigestService;
  /** What `/codex digest …` and App Home manage and list. */
  deps: DigestDeps;
  /** The Web API client digests (and alert firings) post with. */
  slack: SlackClient;
  /** Closes the store (stop the scheduler first). */
  close(): Promise<void>;
}

/**
 * Opens the store (StoreConfig: DATA_DIR or DATABASE_URL) and builds the digest service with its own
 * Slack client (patient retries, 429s left to the per-channel pacer) and a fresh worker id for this
 * process. The bot token is required: a dry run, which never calls Slack, passes a placeholder.
 */
export async function openDigestRuntime(
  c: Composition,
  sections: { store: StoreConfig; slack: Pick<SlackConfig, 'botToken' | 'apiUrl'> },
): Promise<DigestRuntime> {
  const { botToken, apiUrl } = sections.slack;
  if (!botToken) throw new Error('openDigestRuntime: a Slack bot token is required');
  const store = await openStore({ ...sections.store, logger: c.logger, clock: c.clock });
  const slack = createDigestSlackClient({
    token: botToken,
    ...(apiUrl ? { apiUrl } : {}),
    logger: c.logger,
    metrics: c.metrics,
  });
  const service = createDigestService({
    store,
    analytics: c.analytics,
    renderChart: c.renderChart,
    slack,
    clock: c.clock,
    logger: c.logger,
    metrics: c.metrics,
    workerId: digestWorkerId(),
    // The leadership digest's "adoption by team" (issue 12): the warehouse's teams.
    teams: createTeamAnalytics({ warehouse: c.sync.warehouse, clock: c.clock, pricing: c.teamPricing }),
    // The personal weekly DM's budget lines (issue 13 §4): the budgets of the subscriber's teams.
    personalBudgets: {
      budgets: store.budgets,
      history: c.alertHistory,
      teamsOf: createTeamsOfMember(c.sync.warehouse),
    },
    // The budget status line (issue 13 §3): the same figures as `/codex budget`.
    budgets: { store: store.budgets, history: c.alertHistory },
  });
  const deps: DigestDeps = { subscriptions: store.subscriptions, deliveries: store.deliveries, service };
  return { store, service, deps, slack, close: () => store.close() };
}
