/**
 * `codex-pulse serve`: the bot. Validates the whole configuration first (every problem listed, exit 78
 * via main.ts), then serves Slack over HTTP (`/slack/events`, `GET /healthz`) or Socket Mode until
 * SIGTERM/SIGINT, when it stops taking work, finishes the answers in flight and exits.
 */
import { loadConfig } from '../config/env.js';
import { startDigestScheduler } from '../digests/digest-scheduler.js';
import { createLogger } from '../logger.js';
import { compose } from '../main.js';
import type { CliCommand } from './cli-command.js';
import { type DigestRuntime, openDigestRuntime } from './digest-runtime.js';
import { createSlackEdge } from './slack-edge.js';

const usage = `Usage: codex-pulse serve

Runs the Slack bot. Configuration comes from the environment (see .env.example):
  CODEX_API_KEY, CODEX_WORKSPACE_ID   the Codex Analytics API (required)
  SLACK_BOT_TOKEN                     xoxb-… (required)
  SLACK_SIGNING_SECRET                HTTP mode on PORT (default 3000): /slack/events, GET /healthz, /readyz, /metrics
  SLACK_APP_TOKEN                     xapp-…: Socket Mode instead of HTTP
  ADMIN_USER_IDS, ADMIN_USERGROUP_ID  who may see per-user figures
  DATA_DIR (default ./data) or DATABASE_URL   where digest subscriptions, deliveries and shared answers are kept`;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run the Slack bot (HTTP or Socket Mode) until stopped',
  usage,
  options: {},
  async run(_parsed, io) {
    const config = loadConfig(io.env, ['codex', 'slack']);
    const composition = compose(config, {
      clock: io.clock,
      logger: createLogger({ level: config.logLevel }),
    });
    // One stray rejection (a library's un-awaited callback, issue 9 5.3) must not end the process and
    // every answer in flight with it: log it with a stable code and keep serving.
    const unguard = io.onUnhandledRejection?.((reason) =>
      composition.logger.error(
        'unhandled promise rejection; still serving',
        reason instanceof Error ? reason : { reason: typeof reason },
        { code: 'unhandled_rejection' },
      ),
    );
    let digests: DigestRuntime | undefined;
    try {
      digests = await openDigestRuntime(config, composition);
      const store = digests.store;
      const edge = createSlackEdge(config, composition, {
        // Shares live in the same store, so a click works after a restart and on any replica.
        shares: digests.store.shares,
        ready: () => store.ping(),
        digests: {
          subscriptions: digests.store.subscriptions,
          deliveries: digests.store.deliveries,
          service: digests.service,
        },
      });
      const { port } = await edge.start();
      // Scheduled digests: a tick every minute delivers what is due (src/digests/digest-scheduler.ts).
      const scheduler = startDigestScheduler({
        service: digests.service,
        clock: composition.clock,
        logger: composition.logger,
      });
      const mode = config.env.SLACK_APP_TOKEN
        ? 'Socket Mode'
        : `HTTP on port ${port} (/slack/events, /healthz, /readyz, /metrics)`;
      io.stdout(`Codex Pulse is running: ${mode}. Ctrl-C to stop.\n`);
      await new Promise<void>((resolve) => {
        if (io.stopSignal.aborted) resolve();
        else io.stopSignal.addEventListener('abort', () => resolve(), { once: true });
      });
      io.stdout('Stopping: finishing answers in progress…\n');
      await scheduler.stop();
      await edge.stop();
    } finally {
      await digests?.close();
      await composition.close();
      unguard?.();
    }
    return 0;
  },
};
