import type { WorkspaceAnalytics } from '../analytics/workspace-analytics.js';
import type { Clock } from '../clock.js';
import { lastDueAt, periodFor } from '../domain/digest-schedule.js';
import { errorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/create-metrics.js';
import type { ChartDeps } from '../slack-posting/chart-images.js';
import { defaultSharePollPolicy, type SharePollPolicy } from '../slack-posting/file-shares.js';
import type { SlackClient } from '../slack-posting/slack-client.js';
import type { Store, Subscription } from '../store/store-types.js';
import type { TeamAnalytics } from '../teams/create-team-analytics.js';
import { buildDigestReport, namedInDigest } from './build-digest-report.js';
import { createChannelPacer } from './channel-pacer.js';
import { type DueRun, decideDue } from './decide-due.js';
import { decidePersonalDue } from './decide-personal-due.js';
import { type DeliveryContext, deliverDigest } from './deliver-digest.js';
import { deliverPersonalWeek, type PersonalWeekDeps } from './deliver-personal-week.js';
import { digestFiguresFor } from './digest-figures-for.js';
import { createFiguresSource } from './digest-figures-source.js';
import type { DeliveryOutcome, DigestService, RunSummary } from './digest-service.js';
import { logDeliveryOutcome } from './log-delivery-outcome.js';
import { type PersonalBudgetSources, teamBudgetStatusesOfRun } from './personal-week-sources.js';
import { runByChannel } from './run-by-channel.js';
import { budgetAudience, type DigestBudgets, withDigestBudgets } from './with-digest-budgets.js';

export interface DigestServiceDeps {
  store: Store;
  analytics: WorkspaceAnalytics;
  renderChart: ChartDeps['renderChart'];
  /** Best made by createDigestSlackClient: it leaves 429s to the per-channel pacer. */
  slack: SlackClient;
  clock: Clock;
  logger: Logger;
  /** Counts each delivery looked at by outcome (codex_pulse_digest_deliveries_total). */
  metrics: Pick<Metrics, 'digestDelivery'>;
  /** Unique per replica and process (e.g. hostname:pid:random): who holds a claim. */
  workerId: string;
  /** Missed deliveries later than this are skipped (and recorded); default 24 h. */
  graceMs?: number;
  /** How long a claim holds before another replica may resume it; default 15 min. */
  leaseMs?: number;
  /** Users in the standard digest's top-users reply; default 10. */
  topN?: number;
  /** Channels delivered side by side; default 200 (each channel's posts are paced to 1/s anyway). */
  concurrency?: number;
  /** Claims before an unexpected posting error fails the delivery for good; default 3. */
  maxAttempts?: number;
  sharePoll?: SharePollPolicy;
  /** Pauses between extra attempts when the Codex API is down; default 30 s, 2 min. */
  codexRetryDelaysMs?: readonly number[];
  /** Team figures for the leadership digest's "adoption by team" (issue 12). */
  teams?: TeamAnalytics;
  /** Budgets of a personal subscriber's teams, for their weekly DM (issue 13 §4); without it, none shown. */
  personalBudgets?: PersonalBudgetSources;
  /** Budgets for the digest's budget status line (issue 13 §3). */
  budgets?: Omit<DigestBudgets, 'logger'>;
}

const HOUR_MS = 3_600_000;

/** The digest service over the store, the shared analytics and a Slack client. */
export function createDigestService(deps: DigestServiceDeps): DigestService {
  const { store, clock, logger } = deps;
  const graceMs = deps.graceMs ?? 24 * HOUR_MS;
  const topN = deps.topN ?? 10;
  const teams = deps.teams ? { analytics: deps.teams, logger } : undefined;
  const base: DeliveryContext = {
    store,
    slack: deps.slack,
    pacer: createChannelPacer(clock),
    workerId: deps.workerId,
    leaseMs: deps.leaseMs ?? 15 * 60_000,
    topN,
    maxAttempts: deps.maxAttempts ?? 3,
    renderChart: deps.renderChart,
    clock,
    logger,
    sharePoll: deps.sharePoll ?? defaultSharePollPolicy,
    budgets: deps.budgets ? { ...deps.budgets, logger } : undefined,
  };
  const logOutcome = (sub: Subscription, period: number, outcome: DeliveryOutcome, started: number) => {
    logDeliveryOutcome(logger, sub, period, outcome, started);
    deps.metrics.digestDelivery(outcome.status);
  };

  // send-now and preview build a channel digest: never into a person's DM (their subscription is theirs).
  const channelSubscription = async (id: string) => {
    const sub = await store.subscriptions.get(id);
    return sub?.kind === 'channel' ? sub : null;
  };

  const personalWeekDeps = (): PersonalWeekDeps => ({
    analytics: deps.analytics,
    budgets: deps.personalBudgets ? teamBudgetStatusesOfRun(deps.personalBudgets, clock.now()) : undefined,
  });

  return {
    async runDue(now, options = {}) {
      const signal = options.signal;
      const ctx: DeliveryContext = { ...base, signal };
      const figures = createFiguresSource({
        analytics: deps.analytics,
        teams,
        clock,
        logger,
        topN,
        ...(deps.codexRetryDelaysMs ? { retryDelaysMs: deps.codexRetryDelaysMs } : {}),
        ...(signal ? { signal } : {}),
      });
      // Personal subscriptions (issue 13 §4) share the claim and the schedule; only what is posted differs.
      const personal = personalWeekDeps();
      const subs = (await store.subscriptions.list()).filter((s) => s.status === 'active');
      const due = subs.flatMap((sub): DueRun[] => {
        try {
          const dueAt = lastDueAt(sub, now);
          // A subscription is not due for a slot that passed before it existed.
          return dueAt.getTime() >= sub.createdAt.getTime() ? [{ sub, dueAt }] : [];
        } catch (error) {
          logger.warn('digest subscription has an unusable schedule', {
            subscription: sub.id,
            code: errorCode(error),
          });
          return [];
        }
      });
      const results = await runByChannel(
        due,
        (d) => d.sub.channelId,
        deps.concurrency ?? 200,
        async (d) => {
          const started = performance.now();
          const periodStart = periodFor(d.dueAt, d.sub.cadence);
          let outcome: DeliveryOutcome;
          try {
            // Once stopping, claim nothing new: an unclaimed delivery is picked up at once by the next run.
            outcome = signal?.aborted
              ? { status: 'failed', reason: 'interrupted: not started' }
              : d.sub.kind === 'personal'
                ? await decidePersonalDue(ctx, personal, d, { now, graceMs, dryRun: options.dryRun === true })
                : await decideDue(ctx, d, { now, graceMs, dryRun: options.dryRun === true, figures });
          } catch (error) {
            logger.error(
              'digest delivery crashed',
              { subscription: d.sub.id, code: errorCode(error) },
              error,
            );
            outcome = { status: 'failed', reason: errorCode(error) };
          }
          logOutcome(d.sub, periodStart, outcome, started);
          return { subscriptionId: d.sub.id, periodStart, outcome };
        },
      );
      return { at: now, results } satisfies RunSummary;
    },

    async sendNow(subscriptionId, now) {
      const sub = await channelSubscription(subscriptionId);
      if (!sub) return { status: 'failed', reason: 'not_found: no digest subscription with that id' };
      const started = performance.now();
      // Figures first: when the API is down the person asking hears it, and the period stays unclaimed
      // for the scheduled run, rather than burning it on a "delayed" notice.
      let outcome: DeliveryOutcome;
      try {
        const figures = await digestFiguresFor(deps.analytics, now, sub.cadence, {
          topN,
          teams,
          team: sub.team,
        });
        // A person asked: a week that failed (e.g. the API was down) is retried, resuming its thread.
        outcome = await deliverDigest({ ...base, retryFailed: true }, sub, now, async () => figures);
      } catch (error) {
        outcome = { status: 'failed', reason: errorCode(error) };
      }
      logOutcome(sub, periodFor(now, sub.cadence), outcome, started);
      return outcome;
    },

    async sendPersonalNow(subscriptionId, now) {
      const sub = await store.subscriptions.get(subscriptionId);
      if (sub?.kind !== 'personal' || sub.status !== 'active') {
        return { status: 'failed', reason: 'not_found: no active personal subscription with that id' };
      }
      const started = performance.now();
      let outcome: DeliveryOutcome;
      try {
        outcome = await deliverPersonalWeek(base, personalWeekDeps(), sub, now);
      } catch (error) {
        outcome = { status: 'failed', reason: errorCode(error) };
      }
      logOutcome(sub, periodFor(now, 'weekly'), outcome, started);
      return outcome;
    },

    async preview(subscriptionId, now) {
      const sub = await channelSubscription(subscriptionId);
      if (!sub) return null;
      const plain = await digestFiguresFor(deps.analytics, now, sub.cadence, {
        topN,
        teams,
        team: sub.team,
      });
      const figures = base.budgets
        ? await withDigestBudgets(plain, base.budgets, budgetAudience(sub), now)
        : plain;
      return {
        report: buildDigestReport(sub.style, figures, topN, sub.team?.name ?? null),
        namedPeople: namedInDigest(sub.style, figures, topN),
      };
    },
  };
}
