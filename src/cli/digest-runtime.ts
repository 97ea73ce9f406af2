import type { Config } from '../config/env.js';
import { createDigestService } from '../digests/create-digest-service.js';
import type { DigestService } from '../digests/digest-service.js';
import { createDigestSlackClient } from '../digests/digest-slack-client.js';
import { digestWorkerId } from '../digests/worker-id.js';
import type { Composition } from '../main.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store-types.js';

/** The store and the digest service over a composition: what `serve` and `digest run` share. */
export interface DigestRuntime {
  store: Store;
  service: DigestService;
  /** Closes the store (stop the scheduler first). */
  close(): Promise<void>;
}

/**
 * Opens the store from DATA_DIR / DATABASE_URL and builds the digest service with its own Slack client
 * (patient retries, 429s left to the per-channel pacer) and a fresh worker id for this process.
 * `token` defaults to SLACK_BOT_TOKEN; a dry run passes a placeholder, as it never calls Slack.
 */
export async function openDigestRuntime(
  config: Config,
  c: Composition,
  options: { token?: string } = {},
): Promise<DigestRuntime> {
  const { DATA_DIR, DATABASE_URL, SLACK_API_URL, SLACK_BOT_TOKEN } = config.env;
  const token = options.token ?? SLACK_BOT_TOKEN;
  if (!token) throw new Error('openDigestRuntime: a Slack bot token is required');
  const store = await openStore({
    dataDir: DATA_DIR,
    ...(DATABASE_URL ? { databaseUrl: DATABASE_URL } : {}),
    logger: c.logger,
    clock: c.clock,
  });
  const slack = createDigestSlackClient({
    token,
    // The Web API client joins method names onto this base: it must end with '/'.
    ...(SLACK_API_URL ? { apiUrl: SLACK_API_URL.endsWith('/') ? SLACK_API_URL : `${SLACK_API_URL}/` } : {}),
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
  });
  return { store, service, close: () => store.close() };
}
