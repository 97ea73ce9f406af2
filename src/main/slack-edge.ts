/**
 * The Slack edge (floor 5) over a composition: the Bolt app, its App Home view source and the Slack
 * section of the config, with the registry, store and services passed in as the listeners never build them.
 */
import type { DigestDeps } from '../../commands/command-deps.js';
import type { CommandRegistry } from '../../commands/command-types.js';
import type { SlackConfig } from '../config/env.js';
import { createHomeViewSource } from '../slack/home-view-source.js';
import type { QuietTimer } from '../slack/quiet-timer.js';
import type { ReadinessCheck } from '../slack/ready-route.js';
import { createSlackApp, type SlackApp } from '../slack/slack-app.js';
import type { SharePollPolicy } from '../slack-posting/file-shares.js';
import type { AlertStore } from '../store/alert-store-types.js';
import type { ShareStore } from '../store/store-types.js';
import type { SyncStatusSource } from '../sync/sync-status.js';
import type { RosterImporter } from '../teams/create-roster-importer.js';
import type { NudgeService } from '../teams/nudge-service.js';
import type { Composition } from './compose.js';

/** What the Slack edge needs beyond the composition and its Slack section, plus test and bench seams. */
export interface SlackEdgeOptions {
  /** Real time for telling when a burst of Slack requests is over: the process entry's (CliIo). */
  quietTimer: QuietTimer;
  /** The one command registry of this process (createBotRegistry). */
  registry: CommandRegistry;
  /** Shareable answers: the Store's shares, so a click works after a restart and on any replica. */
  shares: ShareStore;
  /** GET /readyz: the store's ping where there is a store. */
  ready: ReadinessCheck;
  /** The digest store: App Home lists subscriptions and their runs. */
  digests?: DigestDeps;
  /** The store's alert rules: the buttons of an alert firing snooze and mute them. */
  alertRules?: AlertStore;
  /** The warehouse sync's progress: App Home says "loading history: 40%" during a backfill. */
  sync?: SyncStatusSource;
  /** Interface to listen on; default all (tests use 127.0.0.1). */
  host?: string;
  /** Overrides the section's port (tests pass 0). */
  port?: number;
  /** files.info polling for chart uploads; production uses the default policy. */
  sharePoll?: SharePollPolicy;
  /** The nudge DMs behind `/codex nudge inactive`'s Send button (issue 12). */
  nudges?: NudgeService;
  /** Rosters uploaded in the bot's DM (issue 12 §1b). */
  rosterImports?: RosterImporter;
}

/** The Bolt app over a composition: Socket Mode when the section has an app token, HTTP mode otherwise. */
export function createSlackEdge(c: Composition, slack: SlackConfig, options: SlackEdgeOptions): SlackApp {
  // loadConfig(…, ['slack']) guarantees the token; the check keeps the types honest for other callers.
  if (!slack.botToken) throw new Error('createSlackEdge: a Slack bot token is required');
  const { botToken, answerDeadlineMs, answerConcurrency, ...rest } = slack;
  return createSlackApp({
    config: {
      ...rest,
      botToken,
      port: options.port ?? slack.port,
      ...(options.host ? { host: options.host } : {}),
      answerDeadlineMs,
      answerConcurrency,
    },
    registry: options.registry,
    renderChart: (spec) => c.renderChart(spec),
    clock: c.clock,
    quietTimer: options.quietTimer,
    logger: c.logger,
    shares: options.shares,
    metrics: c.metrics,
    ready: options.ready,
    homeView: createHomeViewSource({
      analytics: c.analytics,
      clock: c.clock,
      logger: c.logger,
      ...(options.digests ? { digests: options.digests } : {}),
      ...(options.sync ? { sync: options.sync } : {}),
    }),
    ...(options.sharePoll ? { sharePoll: options.sharePoll } : {}),
    ...(options.alertRules ? { alertRules: options.alertRules } : {}),
    ...(options.nudges ? { nudges: options.nudges } : {}),
    ...(options.rosterImports ? { rosterImports: options.rosterImports } : {}),
    ...(options.digests ? { subscriptions: options.digests.subscriptions } : {}),
  });
}
