/**
 * The composition root: the one place that builds collaborators and sees every layer (STYLE.md
 * "Dependency direction", docs/ARCHITECTURE.md). Everything below receives what it needs as parameters;
 * the CLI subcommands only parse flags, load the configuration and call one of these:
 *
 * - `compose`: the core every answering process needs — the analytics over the usage
 *   warehouse, the chart renderer and the metrics — built once over an open warehouse, no I/O until a
 *   command asks for figures;
 * - `openSync`: the usage warehouse and its sync job (issue 11);
 * - `openComposition`: both, as every answering process (serve, preview, demo, digest run) opens them:
 *   answers read the warehouse, never the API (issue 11, part 2);
 * - `openDigestRuntime`: the store and the digest service over a composition (opening the store is I/O);
 * - `createBotRegistry`: the `/codex` command registry, built once per process (with digests or not);
 * - `createSlackEdge`: the Bolt app over a composition and its registry;
 * - `startScheduledSync`: the sync scheduler over a composition's warehouse inside `serve`;
 * - `createTeamsRuntime`: team figures and the identity refresh over a composition's warehouse (issue 12);
 * - `startBot`: all of the above plus the digest scheduler, as `serve` runs it.
 *
 * The clock and the logger always come from the caller (the process entry passes the system clock,
 * tests a clock they control): no factory here or below falls back to a default (issue #9).
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Registry } from 'prom-client';
import type { Dispatcher } from 'undici';
import type { DigestDeps } from '../../commands/command-deps.js';
import type { CommandRegistry } from '../../commands/command-types.js';
import { createCommandRegistry } from '../../commands/create-command-registry.js';
import type { ChartSpec } from '../../reports/charts/chart-spec.js';
import { type AlertScheduler, startAlertScheduler } from '../alerts/alert-scheduler.js';
import { runAlerts } from '../alerts/run-alerts.js';
import { runBudgetAlerts } from '../alerts/run-budget-alerts.js';
import { type AlertHistory, createAlertHistory } from '../analytics/alert-history.js';
import { createWorkspaceAnalytics } from '../analytics/create-workspace-analytics.js';
import { warehouseWindowRows } from '../analytics/warehouse-window-rows.js';
import type { WorkspaceAnalytics } from '../analytics/workspace-analytics.js';
import { createChartRenderer } from '../charts/chart-renderer.js';
import type { RenderedChart, RenderOptions } from '../charts/chart-types.js';
import { shareRenders } from '../charts/share-renders.js';
import type { Clock } from '../clock.js';
import { type CodexClient, createCodexClient } from '../codex/codex-client.js';
import { createSurfaceMapper } from '../codex/surface-mapper.js';
import type { CodexConfig, Config, SlackConfig, StoreConfig } from '../config/env.js';
import { createDigestService } from '../digests/create-digest-service.js';
import { type DigestScheduler, startDigestScheduler } from '../digests/digest-scheduler.js';
import type { DigestService } from '../digests/digest-service.js';
import { createDigestSlackClient } from '../digests/digest-slack-client.js';
import { digestWorkerId } from '../digests/worker-id.js';
import type { Logger } from '../logger.js';
import { type CodexMetrics, createMetrics, type Metrics } from '../metrics/create-metrics.js';
import { createHomeViewSource } from '../slack/home-view-source.js';
import type { QuietTimer } from '../slack/quiet-timer.js';
import type { ReadinessCheck } from '../slack/ready-route.js';
import { createSlackApp, type SlackApp } from '../slack/slack-app.js';
import type { SharePollPolicy } from '../slack-posting/file-shares.js';
import type { SlackClient } from '../slack-posting/slack-client.js';
import type { AlertStore, BudgetStore } from '../store/alert-store-types.js';
import { openStore } from '../store/open-store.js';
import type { ShareStore, Store } from '../store/store-types.js';
import { countRequests } from '../sync/count-requests.js';
import { createSyncJob, type SyncJob } from '../sync/create-sync-job.js';
import { shareSyncRuns } from '../sync/share-sync-runs.js';
import { type SyncScheduler, startSyncScheduler } from '../sync/sync-scheduler.js';
import type { SyncStatusSource } from '../sync/sync-status.js';
import {
  createDirectoryClient,
  createIdentityRefreshJob,
  type IdentityRefreshJob,
} from '../teams/create-identity-refresh-job.js';
import { createNudgeService } from '../teams/create-nudge-service.js';
import { createRosterImporter, type RosterImporter } from '../teams/create-roster-importer.js';
import { createTeamAnalytics, type TeamAnalytics } from '../teams/create-team-analytics.js';
import {
  type IdentityRefreshScheduler,
  startIdentityRefreshScheduler,
} from '../teams/identity-refresh-scheduler.js';
import { DEFAULT_NUDGE_MESSAGE, type NudgeService } from '../teams/nudge-service.js';
import { createTeamsOfMember } from '../teams/teams-of-member.js';
import { openWarehouse } from '../warehouse/open-warehouse.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { TeamFiguresPricing } from '../warehouse/warehouse-teams.js';

/** What the caller of compose() provides: never a silent default. */
export interface ComposeBase {
  clock: Clock;
  logger: Logger;
  /** undici dispatcher for the Codex API and QuickChart (proxies, tests); the client owns its pool otherwise. */
  fetchDispatcher?: Dispatcher;
}

/**
 * After a failed top-up (the API is down), answers come from the warehouse as it is for this long before
 * a question tries the API again: an outage must not make every answer wait for a failing sync.
 */
const TOP_UP_RETRY_MS = 5 * 60_000;

/** The core of a running Codex Pulse, built once per process. */
export interface Composition {
  /** Figures over the usage warehouse's rows (issue 11): every answer reads the store, never the API. */
  analytics: WorkspaceAnalytics;
  /** Alert rules' metrics over the warehouse's history (issue 13). */
  alertHistory: AlertHistory;
  /** CREDIT_PRICE_USD and the surface mapper, for team figures' estimated USD and top surface. */
  teamPricing: TeamFiguresPricing;
  /** The warehouse and sync job the analytics read and top up through (the schedule uses the same). */
  sync: Pick<SyncRuntime, 'warehouse' | 'job'>;
  /** The CHART_RENDERER renderer; `preferPng` asks for bytes even where a URL would do (preview). */
  renderChart: (spec: ChartSpec, options?: RenderOptions) => Promise<RenderedChart>;
  logger: Logger;
  clock: Clock;
  /** This composition's Prometheus metrics (GET /metrics), on its own Registry: never the global one. */
  metrics: Metrics;
  /** Closes the warehouse and its sync job (and the job's Codex client). */
  close(): Promise<void>;
}

/**
 * Builds the core from its config sections over an open warehouse and its sync job (openSync). No I/O
 * happens until a command asks for figures; compose() opens nothing of its own (the only Codex client is
 * the sync job's, since answers read the warehouse), so openComposition's close() closes the sync runtime.
 */
export function compose(
  config: Pick<Config, 'codex' | 'charts' | 'analytics'>,
  base: ComposeBase,
  parts: {
    sync: Pick<SyncRuntime, 'warehouse' | 'job' | 'stopSignal'>;
    /** The composition's metrics (compositionMetrics), shared with its sync job's client. */
    metrics: Metrics;
  },
): Omit<Composition, 'close'> {
  const { logger, clock } = base;
  const { sync, metrics } = parts;
  const dispatcher = base.fetchDispatcher ? { dispatcher: base.fetchDispatcher } : {};
  const { codex } = config;
  const surfaceOf = createSurfaceMapper(codex.surfaceMap, logger);
  const analytics = createWorkspaceAnalytics({
    rows: warehouseWindowRows({
      warehouse: sync.warehouse,
      sync: sync.job,
      clock,
      logger,
      retryAfterMs: TOP_UP_RETRY_MS,
      stopSignal: sync.stopSignal,
    }),
    clock,
    logger,
    surfaceOf,
    cacheTtlMs: config.analytics.cacheTtlMs,
    workspaceId: codex.workspaceId,
    userFigures: sync.warehouse.userFigures,
    figures: sync.warehouse,
  });
  const renderer = createChartRenderer(
    { renderer: config.charts.renderer, quickchartUrl: config.charts.quickchartUrl },
    { logger, ...dispatcher },
  );
  const alertHistory = createAlertHistory({
    warehouse: sync.warehouse,
    clock,
    surfaceOf,
    creditPriceUsd: config.analytics.creditPriceUsd,
  });
  return {
    analytics,
    alertHistory,
    teamPricing: { surfaceOf, creditPriceUsd: config.analytics.creditPriceUsd },
    sync: { warehouse: sync.warehouse, job: sync.job },
    renderChart: shareRenders((spec, options) => renderer.render(spec, options)),
    logger,
    clock,
    metrics,
  };
}

/** One Registry per composition: two apps in one process (tests, the playground) never share series. */
export function compositionMetrics(): Metrics {
  return createMetrics(new Registry(), { processMetrics: true });
}

/** The Codex client from its config section: the sync job's, the only one that talks to the API. */
function createClient(codex: CodexConfig, base: ComposeBase, metrics: CodexMetrics): CodexClient {
  return createCodexClient({
    baseUrl: codex.baseUrl,
    apiKey: codex.apiKey,
    workspaceId: codex.workspaceId,
    clock: base.clock,
    logger: base.logger,
    metrics,
    timeoutMs: codex.timeoutMs,
    maxRetries: codex.maxRetries,
    concurrency: codex.concurrency,
    pageLimit: codex.pageLimit,
    // The built-in simulator (demo credentials) has no request budget to respect.
    requestsPerMinute: codex.demo ? 0 : codex.requestsPerMinute,
    breakerThreshold: codex.breakerThreshold,
    breakerCooldownMs: codex.breakerCooldownMs,
    ...(base.fetchDispatcher ? { dispatcher: base.fetchDispatcher } : {}),
  });
}

/** The usage warehouse and a sync job over it (issue 11): what `codex-pulse sync` runs. */
export interface SyncRuntime {
  warehouse: Warehouse;
  /** One `run` at a time in this process: a run asked for while one is in flight joins it. */
  job: SyncJob;
  /** Aborted by close(): runs started without a caller's own signal (top-ups) pass this one. */
  stopSignal: AbortSignal;
  /** Stops and waits for a run in flight, closes the job's client, then the warehouse. */
  close(): Promise<void>;
}

/**
 * Opens the warehouse (DuckDB in DATA_DIR, or PostgreSQL with DATABASE_URL) and builds a sync job with
 * its own client, whose requests are counted on `metrics` (the composition's inside `serve`, a one-shot
 * run's own from standaloneMetrics()) and recorded per run. A long run of requests, so it honours the same
 * per-route budget as the app's client.
 */
export async function openSync(
  config: Pick<Config, 'codex' | 'warehouse'>,
  base: ComposeBase,
  metrics: Metrics,
): Promise<SyncRuntime> {
  const warehouse = await openWarehouse(config.warehouse, { clock: base.clock, logger: base.logger });
  const counted = countRequests(metrics);
  const client = createClient(config.codex, base, counted);
  const job = shareSyncRuns(
    createSyncJob({
      client,
      requests: counted.requests,
      warehouse,
      trailingDays: config.warehouse.syncTrailingDays,
      clock: base.clock,
      logger: base.logger,
      metrics,
    }),
  );
  const stop = new AbortController();
  return {
    warehouse,
    job,
    stopSignal: stop.signal,
    async close() {
      stop.abort();
      await job.settled();
      try {
        await client.close();
      } finally {
        await warehouse.close();
      }
    },
  };
}

/** Metrics on a Registry of their own, for one-shot commands (`codex-pulse sync`) nobody scrapes. */
export function standaloneMetrics(): Metrics {
  return createMetrics(new Registry(), { processMetrics: false });
}

/** The warehouse sync inside `serve` (issue 11): the scheduler over the composition's warehouse. */
export interface ScheduledSyncRuntime {
  scheduler: SyncScheduler;
  /** Stops the scheduler (aborting a run in progress, recorded as such); the composition closes the warehouse. */
  close(): Promise<void>;
}

/**
 * Starts the sync scheduler over a composition's warehouse and job (the same ones its answers read and
 * top up through): every SYNC_INTERVAL_HOURS, one replica at a time, and at once when the warehouse is
 * empty or stale. Counts on the composition's metrics.
 */
export function startScheduledSync(c: Composition, config: Pick<Config, 'warehouse'>): ScheduledSyncRuntime {
  const scheduler = startSyncScheduler({
    job: c.sync.job,
    clock: c.clock,
    logger: c.logger,
    intervalHours: config.warehouse.syncIntervalHours,
  });
  return { scheduler, close: () => scheduler.stop() };
}

/** Teams (issue 12): their figures over the warehouse and, where Slack is configured, the refresh. */
export interface TeamsRuntime {
  analytics: TeamAnalytics;
  /** The identity refresh (users.list, user groups, channels, roster); null without a bot token. */
  refresh: IdentityRefreshJob | null;
  /** `/codex nudge inactive`'s DMs; null without a bot token. */
  nudges: NudgeService | null;
  /** Rosters uploaded in the bot's DM (issue 12 §1b); null without a bot token. */
  rosterImports: RosterImporter | null;
}

/** One DM a second: chat.postMessage's rate tier (about 1 per second per conversation, short bursts). */
const NUDGE_SPACING_MS = 1_000;

/**
 * Team figures over a composition's warehouse and, with a bot token, the identity refresh that fills
 * its teams from Slack (its own Web API client: 429s come back to the directory's tier pacing).
 */
export function createTeamsRuntime(
  c: Composition,
  config: { teams: Config['teams']; slack: Pick<SlackConfig, 'botToken' | 'apiUrl'> },
): TeamsRuntime {
  const { warehouse } = c.sync;
  const analytics = createTeamAnalytics({ warehouse, clock: c.clock, pricing: c.teamPricing });
  const { botToken, apiUrl } = config.slack;
  if (!botToken) return { analytics, refresh: null, nudges: null, rosterImports: null };
  // 429s come back to the caller (the directory's tier pacing, the nudges' Retry-After wait on the clock).
  const api = createDirectoryClient({ token: botToken, ...(apiUrl ? { apiUrl } : {}), logger: c.logger });
  const refresh = createIdentityRefreshJob({
    config: config.teams,
    api,
    warehouse: warehouse.teams,
    clock: c.clock,
    logger: c.logger,
    readText: (path) => readFile(path, 'utf8'),
    uploadedRoster: warehouse.roster,
    newId: randomUUID,
  });
  const nudges = createNudgeService({
    analytics,
    nudges: warehouse.nudges,
    slack: api,
    clock: c.clock,
    logger: c.logger,
    message: config.teams.nudgeMessage ?? DEFAULT_NUDGE_MESSAGE,
    spacingMs: NUDGE_SPACING_MS,
    maxRateLimitWaits: 3,
  });
  const rosterImports = createRosterImporter({
    roster: warehouse.roster,
    teams: warehouse.teams,
    refresh,
    rosterFile: config.teams.rosterFile,
    clock: c.clock,
    logger: c.logger,
  });
  return { analytics, refresh, nudges, rosterImports };
}

/**
 * The daily identity refresh inside `serve` (issue 12): looks every ten minutes and at start, refreshes
 * when the shared refresh history says a day has passed (an hour after a failure).
 */
export function startScheduledIdentityRefresh(
  c: Composition,
  refresh: IdentityRefreshJob,
): IdentityRefreshScheduler {
  return startIdentityRefreshScheduler({
    job: refresh,
    history: c.sync.warehouse.teams,
    clock: c.clock,
    logger: c.logger,
  });
}

/**
 * The warehouse, its sync job and the core over them: what every answering process opens (issue 11,
 * part 2). The sync's requests and failures (top-ups included) count on the composition's metrics.
 * `close()` closes the core, then the warehouse.
 */
export async function openComposition(
  config: Pick<Config, 'codex' | 'charts' | 'analytics' | 'warehouse'>,
  base: ComposeBase,
): Promise<Composition> {
  const metrics = compositionMetrics();
  const sync = await openSync(config, base, metrics);
  return { ...compose(config, base, { sync, metrics }), close: () => sync.close() };
}

/**
 * The `/codex` command registry, built once per process: with the digest deps, alert rules and budgets where
 * the store is open (`serve`, the playground), without them where it is not (`preview`), when `digest …`
 * answers that scheduling isn't configured.
 */
export function createBotRegistry(
  c: Composition,
  digests?: DigestDeps,
  teams?: Pick<TeamsRuntime, 'analytics' | 'nudges'>,
  stored?: { alerts: AlertStore; budgets: BudgetStore },
): CommandRegistry {
  // Team figures read only the warehouse: every answering process has them, nudges only with Slack.
  const teamDeps = teams ?? {
    analytics: createTeamAnalytics({ warehouse: c.sync.warehouse, clock: c.clock, pricing: c.teamPricing }),
  };
  return createCommandRegistry({
    analytics: c.analytics,
    logger: c.logger,
    alerts: {
      history: c.alertHistory,
      ...(stored ? { rules: stored.alerts, budgets: stored.budgets } : {}),
    },
    ...(digests ? { digests } : {}),
    teams: {
      analytics: teamDeps.analytics,
      ...('nudges' in teamDeps && teamDeps.nudges ? { nudges: teamDeps.nudges } : {}),
    },
  });
}

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

/** A running bot, as `serve` starts it. */
export interface RunningBot {
  composition: Composition;
  /** The bound HTTP port (Socket Mode: the port of the health routes). */
  port: number;
  mode: 'http' | 'socket';
  /** The warehouse sync scheduler: its status (loading history), a tick on demand. */
  sync: SyncScheduler;
  /**
   * Stops the schedulers (a sync in progress is aborted and recorded) and the edge (answers in flight
   * finish), then closes the warehouse, the store and the client.
   */
  stop(): Promise<void>;
}

/**
 * The whole bot: the core, the store and digest service, the one registry, the Slack edge, the digest
 * scheduler (a tick every minute delivers what is due), the warehouse sync scheduler and the daily identity
 * refresh (issue 12). What `serve` runs.
 */
export async function startBot(
  config: Config,
  base: ComposeBase,
  options: Pick<SlackEdgeOptions, 'host' | 'port' | 'quietTimer'>,
): Promise<RunningBot> {
  const c = await openComposition(config, base);
  let digests: DigestRuntime | undefined;
  let scheduler: DigestScheduler | undefined;
  let sync: ScheduledSyncRuntime | undefined;
  let alerts: AlertScheduler | undefined;
  let identities: IdentityRefreshScheduler | undefined;
  try {
    const teams = createTeamsRuntime(c, config);
    const runtime = await openDigestRuntime(c, config);
    digests = runtime;
    sync = startScheduledSync(c, config);
    const syncing = sync;
    identities = teams.refresh ? startScheduledIdentityRefresh(c, teams.refresh) : undefined;
    const refreshing = identities;
    const edge = createSlackEdge(c, config.slack, {
      ...options,
      registry: createBotRegistry(c, runtime.deps, teams, runtime.store),
      ...(teams.nudges ? { nudges: teams.nudges } : {}),
      ...(teams.rosterImports ? { rosterImports: teams.rosterImports } : {}),
      // Shares live in the same store, so a click works after a restart and on any replica.
      shares: runtime.store.shares,
      ready: () => runtime.store.ping(),
      digests: runtime.deps,
      sync: syncing.scheduler,
      alertRules: runtime.store.alerts,
    });
    const { port } = await edge.start();
    scheduler = startDigestScheduler({ service: runtime.service, clock: c.clock, logger: c.logger });
    const started = scheduler;
    alerts = startAlertScheduler({
      warehouse: c.sync.warehouse,
      logger: c.logger,
      run: async () => {
        const common = { history: c.alertHistory, slack: runtime.slack, clock: c.clock, logger: c.logger };
        const workerId = digestWorkerId();
        const rules = await runAlerts({ ...common, rules: runtime.store.alerts, workerId });
        const budgets = await runBudgetAlerts({
          ...common,
          budgets: runtime.store.budgets,
          claims: runtime.store.alerts,
          workerId,
        });
        return {
          rules: rules.rules + budgets.rules,
          posted: rules.posted + budgets.posted,
          suppressed: rules.suppressed + budgets.suppressed,
          failed: rules.failed + budgets.failed,
        };
      },
    });
    const judging = alerts;
    return {
      composition: c,
      port,
      mode: config.slack.appToken ? 'socket' : 'http',
      sync: syncing.scheduler,
      async stop() {
        try {
          // SIGTERM: a sync in progress is aborted and recorded as such first, well inside the grace period.
          await Promise.all([started.stop(), syncing.scheduler.stop(), judging.stop(), refreshing?.stop()]);
          await edge.stop();
        } finally {
          await syncing.close();
          await runtime.close();
          await c.close();
        }
      },
    };
  } catch (error) {
    await alerts?.stop();
    await scheduler?.stop();
    await identities?.stop();
    await sync?.close();
    await digests?.close();
    await c.close();
    throw error;
  }
}
