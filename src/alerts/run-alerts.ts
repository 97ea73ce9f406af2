/**
 * Alert firing (issue 13, part 2): judges every live rule over the warehouse's history — the same
 * evaluation its preview showed — and posts each period that meets it once, to its channel or its
 * owner's DM. Exactly once per (rule, period) across replicas through the store's claim, as for digests.
 *
 * - Only periods closed after the rule was made fire: earlier ones were in its preview already, and a
 *   new rule must not post its whole history.
 * - A snoozed rule's periods are recorded as suppressed (they never post later); a muted rule is skipped.
 * - A rule with `recover` also posts one "back to normal" notice after a posted firing (runRecoveries).
 * - A post that fails is recorded as failed with Slack's error code, logged for the operator and not
 *   retried blindly (the next period fires again); a crash between the claim and the record leaves a
 *   pending claim another run takes over after its lease — looking the post up by its metadata first
 *   (post-firing-once.ts), so a message Slack took before the crash is not posted twice.
 */
import { buildAlertFiringMessage } from '../../reports/alerts/alert-firing-report.js';
import { buildAlertRecoveryMessage } from '../../reports/alerts/alert-recovery-report.js';
import type { ReportMessage } from '../../reports/blocks/report-message.js';
import type { AlertHistory, RuleHistory } from '../analytics/alert-history.js';
import type { Clock } from '../clock.js';
import { periodOf } from '../domain/alert-rules.js';
import type { TimeWindow } from '../domain/utc-days.js';
import { errorCode } from '../errors.js';
import { type AlertFiring, evaluateCondition, type PeriodValue } from '../figures/alert-evaluation.js';
import type { Logger } from '../logger.js';
import type { SlackClient } from '../slack-posting/slack-client.js';
import { slackErrorCode } from '../slack-posting/slack-error-code.js';
import type { AlertRule, AlertStore } from '../store/alert-store-types.js';
import type { FiringKey } from './alert-metadata.js';
import { postFiringOnce } from './post-firing-once.js';
import { reportCommandFor } from './report-command-for.js';

/** A period closes 12 h after it ends (the API's lag): a rule fires for periods closing after it was made. */
const CLOSES_AFTER_MS = 12 * 3_600_000;
/** The claim key of a rule's "back to normal" notices: `<rule id>:recovered`. */
export const RECOVERED_SUFFIX = ':recovered';

export interface AlertRunDeps {
  rules: AlertStore;
  history: AlertHistory;
  slack: SlackClient;
  clock: Clock;
  logger: Logger;
  /** Unique per replica and process: who holds a claim. */
  workerId: string;
  /** How long a claim holds before another run may take it over; default 10 min. */
  leaseMs?: number;
}

/** What one run did, for logs and tests. */
export interface AlertRunSummary {
  rules: number;
  posted: number;
  suppressed: number;
  failed: number;
}

export async function runAlerts(deps: AlertRunDeps): Promise<AlertRunSummary> {
  const summary: AlertRunSummary = { rules: 0, posted: 0, suppressed: 0, failed: 0 };
  const live = (await deps.rules.list()).filter((rule) => !rule.muted);
  const histories = await allHistories(deps, live);
  for (const [index, rule] of live.entries()) {
    summary.rules += 1;
    try {
      await runRule(deps, rule, histories?.[index] ?? (await deps.history.history(rule.spec)), summary);
    } catch (error) {
      // One rule's failure (its history unreadable, the store gone) must not stop the others.
      summary.failed += 1;
      deps.logger.error('alert: judging a rule failed', error, { code: errorCode(error), rule: rule.id });
    }
  }
  return summary;
}

/**
 * Every rule's history in a few statements (issue 13 §5: a thousand rules within 2 s). When the batch
 * fails, each rule reads its own, so one unreadable scope never silences the others.
 */
async function allHistories(deps: AlertRunDeps, rules: readonly AlertRule[]): Promise<RuleHistory[] | null> {
  if (rules.length === 0) return [];
  try {
    return (await deps.history.histories(rules.map((rule) => rule.spec))).histories;
  } catch (error) {
    deps.logger.warn('alert: reading every rule at once failed; reading them one by one', {
      code: errorCode(error),
    });
    return null;
  }
}

async function runRule(
  deps: AlertRunDeps,
  rule: AlertRule,
  history: RuleHistory,
  summary: AlertRunSummary,
): Promise<void> {
  const { spec } = rule;
  const made = rule.createdAt.getTime();
  const fresh = evaluateCondition(spec.condition, history.periods, {
    includeProvisional: spec.provisional,
  }).filter((firing) => firing.period.end * 1000 + CLOSES_AFTER_MS > made);
  for (const firing of fresh) {
    const message = buildAlertFiringMessage({
      ruleId: rule.id,
      spec,
      firing,
      reportCommand: reportCommandFor(spec, firing.period, periodOf(spec.condition)),
    });
    const key = { ruleId: rule.id, periodStart: firing.period.start };
    await postOnce(deps, rule, { key, period: firing.period, value: firing.value, message }, summary);
  }
  if (spec.recover) await runRecoveries(deps, rule, history.periods, fresh, summary);
}

/**
 * "Back to normal" notices (issue 13 §2): for each posted firing whose next period has closed without
 * meeting the condition, one notice — claimed under its own key (`<rule>:recovered`, the quiet period's
 * start), so it posts once like a firing and never collides with one.
 */
async function runRecoveries(
  deps: AlertRunDeps,
  rule: AlertRule,
  periods: readonly PeriodValue[],
  fired: readonly AlertFiring[],
  summary: AlertRunSummary,
): Promise<void> {
  if (fired.length === 0) return;
  const firedStarts = new Set(fired.map((f) => f.period.start));
  const posted = new Set(
    (await deps.rules.firings(rule.id, fired.length))
      .filter((f) => f.status === 'posted')
      .map((f) => f.periodStart),
  );
  const indexOf = new Map(periods.map((p, i) => [p.start, i]));
  for (const firing of fired) {
    if (!posted.has(firing.period.start)) continue; // nobody saw it (snoozed, failed): nothing to lift
    const next = periods[(indexOf.get(firing.period.start) ?? -2) + 1];
    // Judged on a closed period only: a running one may still meet the condition.
    if (next === undefined || next.provisional || next.value === null || firedStarts.has(next.start))
      continue;
    const period = { start: next.start, end: next.end };
    const message = buildAlertRecoveryMessage({
      ruleId: rule.id,
      spec: rule.spec,
      period,
      value: next.value,
      fired: firing.period,
    });
    const key = { ruleId: `${rule.id}${RECOVERED_SUFFIX}`, periodStart: next.start };
    await postOnce(deps, rule, { key, period, value: next.value, message }, summary);
  }
}

/**
 * Claim → (snoozed: record suppressed) → post with metadata → record, for one firing or notice. A post
 * that fails is recorded failed with Slack's code; a crash leaves the claim to be taken over.
 */
async function postOnce(
  deps: AlertRunDeps,
  rule: AlertRule,
  item: { key: FiringKey; period: TimeWindow; value: number; message: ReportMessage },
  summary: AlertRunSummary,
): Promise<void> {
  const { key } = item;
  const now = deps.clock.now();
  const claimed = await deps.rules.claimFiring({
    ...key,
    periodEnd: item.period.end,
    value: item.value,
    workerId: deps.workerId,
    now,
    leaseMs: deps.leaseMs ?? 10 * 60_000,
  });
  if (claimed === null) return; // fired already, or another replica is posting it
  if (rule.snoozedUntil !== null && rule.snoozedUntil > now) {
    await deps.rules.finishFiring(key, deps.workerId, { status: 'suppressed', reason: 'snoozed' });
    summary.suppressed += 1;
    return;
  }
  try {
    const channel = await destinationChannel(deps.slack, rule);
    const posted = await postFiringOnce(deps, {
      key,
      attempts: claimed.attempts,
      channel,
      message: item.message,
      oldest: item.period.start,
    });
    await deps.rules.finishFiring(key, deps.workerId, {
      status: 'posted',
      ...(posted.ts ? { messageTs: posted.ts } : {}),
    });
    summary.posted += 1;
    deps.logger.info('alert fired', { rule: key.ruleId, periodStart: key.periodStart, value: item.value });
  } catch (error) {
    const code = slackErrorCode(error) ?? errorCode(error);
    await deps.rules.finishFiring(key, deps.workerId, { status: 'failed', reason: code });
    summary.failed += 1;
    deps.logger.error('alert: posting a firing failed', error, { code, rule: rule.id });
  }
}

/** The rule's channel, or its owner's DM (opened for it). */
async function destinationChannel(slack: SlackClient, rule: AlertRule): Promise<string> {
  if (rule.destination.kind === 'channel') return rule.destination.channelId;
  const opened = await slack.conversations.open({ users: rule.ownerUserId });
  const dm = opened.channel?.id;
  if (!dm) throw new Error('conversations.open answered without a channel');
  return dm;
}
