/**
 * The whole bot as `serve` runs it: the parts built by the rest of src/main/ (docs/ARCHITECTURE.md lists
 * them), plus the digest and alert schedulers, started in dependency order and stopped in reverse — the
 * schedulers first so a sync in progress is recorded as aborted, then the edge, then what they read.
 */
import { type AlertScheduler, startAlertScheduler } from '../alerts/alert-scheduler.js';
import { runAlerts } from '../alerts/run-alerts.js';
import { runBudgetAlerts } from '../alerts/run-budget-alerts.js';
import type { Config } from '../config/env.js';
import { type DigestScheduler, startDigestScheduler } from '../digests/digest-scheduler.js';
import { digestWorkerId } from '../digests/worker-id.js';
import type { SyncScheduler } from '../sync/sync-scheduler.js';
import type { IdentityRefreshScheduler } from '../teams/identity-refresh-scheduler.js';
import { createBotRegistry } from './bot-registry.js';
import type { Composition } from './compose.js';
import type { ComposeBase } from './compose-base.js';
import { type DigestRuntime, openDigestRuntime } from './digest-runtime.js';
import { openComposition } from './open-composition.js';
import { startScheduledIdentityRefresh } from './scheduled-identity-refresh.js';
import { type ScheduledSyncRuntime, startScheduledSync } from './scheduled-sync.js';
import { createSlackEdge, type SlackEdgeOptions } from './slack-edge.js';
import { createTeamsRuntime } from './teams-runtime.js';

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
