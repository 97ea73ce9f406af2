/**
 * `codex-pulse serve`: the bot. Validates the whole configuration first (every problem listed, exit 78
 * via main.ts), then serves Slack over HTTP (`/slack/events`, `GET /healthz`) or Socket Mode until
 * SIGTERM/SIGINT, when it stops taking work, finishes the answers in flight and exits.
 */
import { loadConfig } from '../config/env.js';
import { createLogger } from '../logger.js';
import { startBot } from '../main/start-bot.js';
import type { CliCommand } from './cli-command.js';

const usage = `Usage: codex-pulse serve

Runs the Slack bot. Configuration comes from the environment (see .env.example):
  CODEX_API_KEY, CODEX_WORKSPACE_ID   the Codex Analytics API (required)
  SLACK_BOT_TOKEN                     xoxb-… (required)
  SLACK_SIGNING_SECRET                HTTP mode on PORT (default 3000): /slack/events, GET /healthz, /readyz, /metrics
  SLACK_APP_TOKEN                     xapp-…: Socket Mode instead of HTTP
  ADMIN_USER_IDS, ADMIN_USERGROUP_ID  who may see per-user figures
  DATA_DIR (default ./data) or DATABASE_URL   where digest subscriptions, deliveries and shared answers are kept,
                                      and the usage warehouse (synced at start when empty or stale, then
                                      every SYNC_INTERVAL_HOURS, default 6)`;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run the Slack bot (HTTP or Socket Mode) until stopped',
  usage,
  options: {},
  async run(_parsed, io) {
    const config = loadConfig(io.env, ['codex', 'slack']);
    const logger = createLogger({ level: config.logLevel });
    // One stray rejection (a library's un-awaited callback, issue 9 5.3) must not end the process and
    // every answer in flight with it: log it with a stable code and keep serving.
    const unguard = io.onUnhandledRejection?.((reason) =>
      logger.error(
        'unhandled promise rejection; still serving',
        reason instanceof Error ? reason : { reason: typeof reason },
        { code: 'unhandled_rejection' },
      ),
    );
    try {
      const bot = await startBot(config, { clock: io.clock, logger }, { quietTimer: io.quietTimer });
      const mode =
        bot.mode === 'socket'
          ? 'Socket Mode'
          : `HTTP on port ${bot.port} (/slack/events, /healthz, /readyz, /metrics)`;
      io.stdout(`Codex Pulse is running: ${mode}. Ctrl-C to stop.\n`);
      await new Promise<void>((resolve) => {
        if (io.stopSignal.aborted) resolve();
        else io.stopSignal.addEventListener('abort', () => resolve(), { once: true });
      });
      io.stdout('Stopping: finishing answers in progress…\n');
      await bot.stop();
    } finally {
      unguard?.();
    }
    return 0;
  },
};
