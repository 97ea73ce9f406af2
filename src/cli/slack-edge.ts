import type { DigestDeps } from '../../commands/command-deps.js';
import type { Config } from '../config/env.js';
import { type Composition, registryWithDigests } from '../main.js';
import type { SharePollPolicy } from '../slack/file-shares.js';
import type { ReadinessCheck } from '../slack/ready-route.js';
import { createSlackApp, type SlackApp } from '../slack/slack-app.js';
import type { ShareStore } from '../store/store-types.js';
import { createHomeViewSource } from './home-view-source.js';

/** What the edge needs beyond the composition, plus test and bench seams. */
export interface SlackEdgeOptions {
  /** Shareable answers: the Store's shares (`serve` opens the store; the playground opens one lazily). */
  shares: ShareStore;
  /** GET /readyz: `serve` pings the store it opened (Store.ping). */
  ready: ReadinessCheck;
  /** Interface to listen on; default all (tests use 127.0.0.1). */
  host?: string;
  /** Overrides PORT (tests pass 0). */
  port?: number;
  sharePoll?: SharePollPolicy;
  /** The digest store and service: `/codex digest …` manages subscriptions and App Home lists them. */
  digests?: DigestDeps;
}

/**
 * The Bolt app over a composition, configured from SLACK_* and ADMIN_* (what `serve` runs and what the
 * end-to-end tests start). Socket Mode when SLACK_APP_TOKEN is set, HTTP mode otherwise.
 */
export function createSlackEdge(config: Config, c: Composition, options: SlackEdgeOptions): SlackApp {
  const env = config.env;
  // loadConfig(…, ['slack']) guarantees the token; the check keeps the types honest for other callers.
  if (!env.SLACK_BOT_TOKEN) throw new Error('createSlackEdge: SLACK_BOT_TOKEN is required');
  const apiUrl = env.SLACK_API_URL;
  const digests = options.digests;
  return createSlackApp({
    config: {
      botToken: env.SLACK_BOT_TOKEN,
      ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
      ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
      // The Web API client joins method names onto this base: it must end with '/'.
      ...(apiUrl ? { apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
      // Bolt skips auth.test only when it has both ids.
      ...(env.SLACK_BOT_ID && env.SLACK_BOT_USER_ID
        ? { botId: env.SLACK_BOT_ID, botUserId: env.SLACK_BOT_USER_ID }
        : {}),
      port: options.port ?? env.PORT,
      ...(options.host ? { host: options.host } : {}),
      adminUserIds: env.ADMIN_USER_IDS,
      ...(env.ADMIN_USERGROUP_ID ? { adminUsergroupId: env.ADMIN_USERGROUP_ID } : {}),
      answerDeadlineMs: env.SLACK_ANSWER_DEADLINE_SECONDS * 1000,
      answerConcurrency: env.SLACK_ANSWER_CONCURRENCY,
    },
    registry: digests ? registryWithDigests(c, digests) : c.registry,
    renderChart: (spec) => c.renderChart(spec),
    clock: c.clock,
    logger: c.logger,
    shares: options.shares,
    metrics: c.metrics,
    ready: options.ready,
    homeView: createHomeViewSource({ ...c, ...(digests ? { digests } : {}) }),
    ...(options.sharePoll ? { sharePoll: options.sharePoll } : {}),
  });
}
