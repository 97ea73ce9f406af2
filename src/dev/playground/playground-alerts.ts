/**
 * "Sync with a spike, then run alerts" for the playground (issue 13, "done when"): the simulator restates
 * the newest closed day with a spike, the real sync job pulls it into the warehouse, and the real
 * runAlerts judges the rules and posts to the fake Slack — so an admin sees the alert arrive once in
 * #codex-demo with its snooze and mute buttons, and a second click says it is already there.
 */
import { runAlerts } from '../../alerts/run-alerts.js';
import type { Clock } from '../../clock.js';
import { DAY_SECONDS, dayKey, startOfUtcDay, toUnixSeconds } from '../../domain/utc-days.js';
import type { Composition } from '../../main/compose.js';
import type { SlackClient } from '../../slack-posting/slack-client.js';
import type { AlertRule, AlertStore } from '../../store/alert-store-types.js';
import { playgroundIds as ids } from './playground-ids.js';

/**
 * The spike's size: far outside any day's spread, so the anomaly rule fires on it. One size serves a
 * weekend day too, since the rule measures a weekend day against weekend days only.
 */
const SPIKE_FACTOR = 6;
/** The API's lag: a day is closed 12 h after it ends. */
const CLOSES_AFTER_SECONDS = 12 * 3600;

export interface PlaygroundAlertsDeps {
  composition: Pick<Composition, 'sync' | 'alertHistory' | 'logger'>;
  clock: Clock;
  /** The simulator's spike injection (RunningSimulator.setDayFactor). */
  spike: (day: string, factor: number) => void;
  /** The playground's store and the Slack client that posts to the fake Slack (the digest runtime's). */
  runtime: () => Promise<{ store: { alerts: AlertStore }; slack: SlackClient }>;
}

export function createPlaygroundAlerts(deps: PlaygroundAlertsDeps): { run(): Promise<string> } {
  return {
    async run() {
      const { store, slack } = await deps.runtime();
      const now = toUnixSeconds(deps.clock.now());
      // The newest closed day: what the next sync re-pulls, and the latest period a rule judges.
      const spikeDay = startOfUtcDay(now - CLOSES_AFTER_SECONDS) - DAY_SECONDS;
      deps.spike(dayKey(spikeDay), SPIKE_FACTOR);
      const sync = await deps.composition.sync.job.run({ onProgress: () => {} });
      if (sync.outcome !== 'ok') {
        return `The sync did not finish (${sync.errorCode ?? sync.outcome}): no alerts were judged.`;
      }
      const rule = await demoRule(store.alerts);
      const summary = await runAlerts({
        rules: watchingSince(store.alerts, rule.id, spikeDay),
        history: deps.composition.alertHistory,
        slack,
        clock: deps.clock,
        logger: deps.composition.logger,
        workerId: 'playground',
      });
      const spiked = `Spiked ${dayKey(spikeDay)} ×${SPIKE_FACTOR} and synced it.`;
      if (summary.posted > 0) {
        return `${spiked} Alert rule ${rule.id} (credits anomaly) posted ${summary.posted} alert(s) to #${ids.channelName}: try Snooze or Mute.`;
      }
      if (summary.failed > 0) return `${spiked} Posting the alert failed: see the log.`;
      return `${spiked} Nothing new to post: each rule posts each period once${rule.muted ? ` (rule ${rule.id} is muted)` : ''}.`;
    },
  };
}

/** The channel's credits-anomaly rule, made on first use. */
async function demoRule(alerts: AlertStore): Promise<AlertRule> {
  const existing = (await alerts.list(ids.team)).find(
    (r) =>
      r.spec.metric === 'credits' &&
      r.spec.condition.kind === 'anomaly' &&
      r.spec.scope.kind === 'workspace' &&
      r.destination.kind === 'channel' &&
      r.destination.channelId === ids.channel,
  );
  return (
    existing ??
    alerts.create({
      teamId: ids.team,
      ownerUserId: ids.user,
      spec: {
        metric: 'credits',
        condition: { kind: 'anomaly', k: 3 },
        scope: { kind: 'workspace' },
        provisional: false,
      },
      destination: { kind: 'channel', channelId: ids.channel },
    })
  );
}

/**
 * The store with the demo rule judged as if made just before the spike day closed: a rule only fires
 * for periods closing after it was made, and the playground's rule is made by the very click that
 * spikes an already-ended day. Every other rule is judged as it is.
 */
function watchingSince(alerts: AlertStore, ruleId: string, spikeDay: number): AlertStore {
  const madeAt = new Date((spikeDay + CLOSES_AFTER_SECONDS) * 1000 + 1000);
  return {
    ...alerts,
    list: async (teamId) =>
      (await alerts.list(teamId)).map((r) => (r.id === ruleId ? { ...r, createdAt: madeAt } : r)),
  };
}
