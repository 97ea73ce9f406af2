import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type LogLevel } from '@slack/bolt';
import type { CommandRegistry } from '../../commands/command-types.js';
import type { ChartSpec } from '../../reports/charts/chart-spec.js';
import type { RenderedChart } from '../charts/chart-types.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/create-metrics.js';
import { metricsRoute } from '../metrics/metrics-route.js';
import { observeSlackFetch } from '../metrics/observe-slack-fetch.js';
import { defaultSharePollPolicy, type SharePollPolicy } from '../slack-posting/file-shares.js';
import type { AlertStore } from '../store/alert-store-types.js';
import type { ShareStore, SubscriptionStore } from '../store/store-types.js';
import type { RosterImporter } from '../teams/create-roster-importer.js';
import type { NudgeService } from '../teams/nudge-service.js';
import { version as packageVersion } from '../version.js';
import { createAdminCheck } from './admin-check.js';
import { registerAlertActions } from './alert-actions.js';
import { type HomeViewBuilder, registerAppHome } from './app-home.js';
import { registerAppMention } from './app-mention.js';
import { createBurstGate } from './burst-gate.js';
import { codexReceiptAck, registerCodexCommand } from './codex-command.js';
import type { EdgeDeps } from './edge-deps.js';
import { GuardedHTTPReceiver } from './guarded-receiver.js';
import { healthRoute } from './health-route.js';
import { InFlight } from './in-flight.js';
import { interactiveRetryConfig } from './interactive-retry-config.js';
import { registerNudgeAction } from './nudge-action.js';
import { registerPersonalUnsubscribeAction } from './personal-unsubscribe-action.js';
import type { QuietTimer } from './quiet-timer.js';
import { type ReadinessCheck, readyRoute } from './ready-route.js';
import { MAX_ROSTER_BYTES, registerRosterUpload } from './roster-upload.js';
import { registerShareAction } from './share-action.js';
import { createSharedAnswers } from './shared-answers.js';
import { createUserProfiles } from './user-profiles.js';
import { createWorkLimiter } from './work-limiter.js';

export interface SlackAppConfig {
  /** HTTP mode (required unless appToken is set). */
  signingSecret?: string;
  botToken: string;
  /** xapp- token: Socket Mode instead of HTTP. */
  appToken?: string;
  /** Web API base URL (GovSlack, the fake Slack); must end with '/'. */
  apiUrl?: string;
  /** With both ids Bolt skips auth.test at start-up. */
  botId?: string;
  botUserId?: string;
  port: number;
  /** Interface to listen on (default: all). Tests use 127.0.0.1. */
  host?: string;
  adminUserIds: string[];
  adminUsergroupId?: string;
  /** Reported by GET /healthz; defaults to package.json's version. */
  version?: string;
  /** Slash commands and mentions: when the person is told what is wrong (default 10 s). */
  answerDeadlineMs?: number;
  /** Answers computed at once behind acks; the rest queue in order (default 4; 0 = no limit). */
  answerConcurrency?: number;
}

export interface SlackAppDeps {
  config: SlackAppConfig;
  registry: CommandRegistry;
  renderChart: (spec: ChartSpec) => Promise<RenderedChart>;
  clock: Clock;
  /** Real time for telling when a burst of requests is over (burst-gate.ts); never the clock above. */
  quietTimer: QuietTimer;
  logger: Logger;
  /**
   * Where "Share to channel" answers are kept (the Store's shares): required, so a click works after a
   * restart and on another replica — never an in-memory map that silently forgets (issue #9).
   */
  shares: ShareStore;
  /** This composition's metrics: served on GET /metrics, fed by commands, acks and Slack API errors. */
  metrics: Metrics;
  /** GET /readyz answers 200 only while this resolves (the store's ping). */
  ready: ReadinessCheck;
  homeView?: HomeViewBuilder;
  /** The store's alert rules: an alert firing's snooze and mute buttons change them (issue 13). */
  alertRules?: AlertStore;
  /** files.info polling for chart uploads (bounded; the clock's sleep paces it). */
  sharePoll?: SharePollPolicy;
  /** `/codex nudge inactive`'s Send button (issue 12); without it the button is not handled. */
  nudges?: NudgeService;
  /** Rosters uploaded in the bot's DM by admins (issue 12 §1b); without it such files are ignored. */
  rosterImports?: RosterImporter;
  /** The store's subscriptions: the personal weekly DM's Unsubscribe button ends one (issue 13 §4). */
  subscriptions?: SubscriptionStore;
}

export interface SlackApp {
  app: App;
  /** Starts listening (HTTP) or connecting (Socket Mode); returns the bound HTTP port. */
  start(): Promise<{ port: number }>;
  /** Stops taking work, lets answers already being computed finish, then closes. */
  stop(): Promise<void>;
}

/** The Bolt edge: `/codex`, mentions, the share button and App Home over one CommandRegistry. */
export function createSlackApp(deps: SlackAppDeps): SlackApp {
  const { config, logger, clock } = deps;
  const socketMode = Boolean(config.appToken);
  if (!socketMode && !config.signingSecret)
    throw new Error('createSlackApp: signingSecret or appToken is required');
  const inFlight = new InFlight();
  const routes = [
    healthRoute(config.version ?? packageVersion),
    readyRoute({ check: deps.ready, clock, logger, timeoutMs: 2_000 }),
    metricsRoute(deps.metrics.registry),
  ];
  const logLevel = logger.getLevel() as LogLevel; // else Bolt resets our logger to INFO
  // Work behind acks waits until a burst of requests is over; Socket Mode's gate never sees a request.
  const burst = createBurstGate(deps.quietTimer);

  const transport = config.appToken
    ? { socketMode: true, appToken: config.appToken, customRoutes: routes, port: config.port }
    : {
        // Bolt's receiver with a body check in front: a signed `payload=null` must not kill us (5.3).
        // It acks verified `/codex` commands on receipt, before Bolt's middleware: under a burst, acks no
        // longer queue behind Bolt's per-request work (5.5).
        receiver: new GuardedHTTPReceiver({
          signingSecret: config.signingSecret ?? '',
          endpoints: ['/slack/events'],
          burst,
          ackOnReceipt: codexReceiptAck({
            inFlight,
            metrics: deps.metrics,
            clock,
            registry: deps.registry,
          }),
          customRoutes: routes,
          port: config.port,
          logger,
          logLevel,
        }),
      };
  const app = new App({
    token: config.botToken,
    ...(config.botId ? { botId: config.botId } : {}),
    ...(config.botUserId ? { botUserId: config.botUserId } : {}),
    logger,
    logLevel,
    // Bolt's default conversation store is never read here, yet it costs every request a rejected
    // promise with a fresh Error (and its stack) before the listener can ack (issue 9, 5.5 profile).
    convoStore: false,
    clientOptions: {
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
      // Every listener's client counts its failed calls (method, Slack's error code) for GET /metrics.
      fetch: observeSlackFetch(deps.metrics),
      retryConfig: interactiveRetryConfig,
      timeout: 15_000,
    },
    ...transport,
  });

  const edge: EdgeDeps = {
    registry: deps.registry,
    renderChart: deps.renderChart,
    clock,
    logger,
    sharePoll: deps.sharePoll ?? defaultSharePollPolicy,
    isAdmin: createAdminCheck({
      adminUserIds: config.adminUserIds,
      adminUsergroupId: config.adminUsergroupId,
      clock,
      logger,
    }),
    profiles: createUserProfiles(clock, logger),
    shares: deps.shares,
    inFlight,
    metrics: deps.metrics,
    answerLimiter: createWorkLimiter(config.answerConcurrency ?? 4, () => burst.whenQuiet()),
    sharedAnswers: createSharedAnswers(clock),
    answerDeadlineMs: config.answerDeadlineMs ?? 10_000,
  };
  registerCodexCommand(app, edge);
  registerShareAction(app, edge);
  if (deps.nudges) registerNudgeAction(app, edge, deps.nudges);
  if (deps.rosterImports) {
    registerRosterUpload(app, edge, {
      importer: deps.rosterImports,
      botToken: config.botToken,
      fetch: globalThis.fetch,
      maxBytes: MAX_ROSTER_BYTES,
    });
  }
  registerAppMention(app, edge);
  if (deps.homeView) registerAppHome(app, edge, deps.homeView);
  if (deps.alertRules) registerAlertActions(app, edge, deps.alertRules);
  if (deps.subscriptions) registerPersonalUnsubscribeAction(app, edge, deps.subscriptions);
  app.error(async (error) => {
    // Last net: anything a listener did not handle. Log it; never rethrow into the receiver.
    logger.error('unhandled error in a Slack listener', error, { code: error.code });
  });

  let started = false;
  return {
    app,
    async start() {
      if (socketMode) {
        await app.start();
        started = true;
        return { port: config.port };
      }
      const server = (await app.start({
        port: config.port,
        ...(config.host ? { host: config.host } : {}),
      })) as Server;
      started = true;
      const port = (server.address() as AddressInfo).port;
      logger.info('slack edge listening', { port });
      return { port };
    },
    async stop() {
      if (!started) return;
      started = false;
      // Order matters: stop new connections first, then wait for answers already in progress.
      const closing = app.stop() as Promise<unknown>;
      await inFlight.drain();
      await closing;
    },
  };
}
