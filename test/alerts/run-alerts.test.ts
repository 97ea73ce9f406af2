/**
 * Alert firing after a sync (issue 13, part 2), against real parts: the simulator's history with a
 * seeded spike in a real warehouse, the store on both engines, the fake Slack Web API. Each (rule,
 * period) posts once — also with two runners racing on one PostgreSQL store — snoozed rules record
 * without posting, muted rules are skipped, a DM rule goes to its owner.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_OPEN_ACTION_ID } from '../../reports/alerts/alert-actions.js';
import { formatDate } from '../../reports/blocks/format.js';
import { startAlertScheduler } from '../../src/alerts/alert-scheduler.js';
import { type AlertRunDeps, runAlerts } from '../../src/alerts/run-alerts.js';
import { budgetEvents, runBudgetAlerts } from '../../src/alerts/run-budget-alerts.js';
import { createManualClock } from '../../src/clock.js';
import { type FakeSlack, startFakeSlack } from '../../src/dev/fake-slack/fake-slack.js';
import { createDigestSlackClient } from '../../src/digests/digest-slack-client.js';
import type { NewAlertRule } from '../../src/store/alert-store-types.js';
import type { Store } from '../../src/store/store-types.js';
import { type CommandHarness, startCommandHarness } from '../commands/command-harness.js';
import { type Backend, embeddedBackend, postgresBackend } from '../store/store-backends.js';

const SPIKE_DAY = '2026-11-18';
const spike = Date.parse(`${SPIKE_DAY}T00:00:00Z`) / 1000;
// Rules are made the day of the spike: its period closes after they exist, so it may fire.
const MADE = new Date('2026-11-18T09:00:00Z');
const anomaly = (over: Partial<NewAlertRule> = {}): NewAlertRule => ({
  teamId: 'T0TEAM0001',
  ownerUserId: 'U0ADMIN001',
  spec: {
    metric: 'credits',
    condition: { kind: 'anomaly', k: 3 },
    scope: { kind: 'workspace' },
    provisional: false,
  },
  destination: { kind: 'channel', channelId: 'C0ALERTS' },
  ...over,
});

let h: CommandHarness;
let fake: FakeSlack;
beforeAll(async () => {
  h = await startCommandHarness({
    users: 120,
    seed: 'alert-preview',
    dayFactors: [{ day: SPIKE_DAY, factor: 6 }],
  });
  await h.run('usage 90d');
  fake = await startFakeSlack({ now: () => h.c.clock.now() });
  fake.users.set('U0ADMIN001', { id: 'U0ADMIN001', name: 'admin' });
});
afterAll(async () => {
  await fake.close();
  await h.close();
});

describe.each([embeddedBackend(), postgresBackend()])(
  'alerts fired after a sync: $kind store',
  (backend: Backend) => {
    let store: Store;
    let deps: (workerId: string) => AlertRunDeps;
    beforeAll(async () => {
      if (!backend.available) return;
      await backend.setUp();
      store = await backend.open({ clock: createManualClock(MADE) });
      const slack = createDigestSlackClient({
        token: 'xoxb-alerts',
        apiUrl: fake.url,
        logger: h.logger,
        metrics: h.c.metrics,
      });
      deps = (workerId) => ({
        rules: store.alerts,
        history: h.c.alertHistory,
        slack,
        clock: h.c.clock,
        logger: h.logger,
        workerId,
      });
    });
    afterAll(async () => {
      if (!backend.available) return;
      await store.close();
      await backend.tearDown();
    });

    it.skipIf(!backend.available)(
      'posts each period that meets a rule once, the spike among them, with its buttons',
      async () => {
        const channel = `C0ALERTS${backend.kind === 'postgres' ? 'PG' : 'DB'}`;
        const rule = await store.alerts.create(
          anomaly({ destination: { kind: 'channel', channelId: channel } }),
        );
        const first = await runAlerts(deps('worker-a'));
        const posted = fake.messages(channel);
        expect(first.posted).toBe(posted.length);
        const spikePost = posted.find((m) => m.text?.includes(formatDate(spike)));
        expect(spikePost?.text).toMatch(
          /the median absolute deviation above its median of [\d,.]+k? credits over the last 20 weekdays/,
        );
        expect(JSON.stringify(spikePost?.blocks)).toContain(ALERT_OPEN_ACTION_ID);
        expect(JSON.stringify(spikePost?.blocks)).toContain('usage 2026-11-05..2026-11-18 by day');
        // Nothing before the rule existed: every firing is of a period closing after it was made.
        const firings = await store.alerts.firings(rule.id, 100);
        expect(firings.every((f) => f.periodStart >= spike && f.status === 'posted')).toBe(true);
        // The next run (after the next sync) finds the same periods claimed: nothing posts twice.
        expect(await runAlerts(deps('worker-b'))).toMatchObject({ posted: 0 });
        expect(fake.messages(channel)).toHaveLength(posted.length);
        await store.alerts.remove(rule.id);
      },
    );

    it.skipIf(!backend.available)(
      'with `recover`, posts one back-to-normal notice for the closed period after a firing',
      async () => {
        const channel = `C0RECOVER${backend.kind === 'postgres' ? 'PG' : 'DB'}`;
        const spec = {
          metric: 'credits' as const,
          condition: { kind: 'above' as const, value: 10_000, per: 'day' as const },
          scope: { kind: 'workspace' as const },
          provisional: false,
        };
        const rule = await store.alerts.create(
          anomaly({ spec: { ...spec, recover: true }, destination: { kind: 'channel', channelId: channel } }),
        );
        const plain = await store.alerts.create(
          anomaly({ spec, destination: { kind: 'channel', channelId: `${channel}X` } }),
        );
        expect((await store.alerts.get(rule.id))?.spec.recover).toBe(true);
        expect((await store.alerts.get(plain.id))?.spec).not.toHaveProperty('recover');
        await runAlerts(deps('recover-a'));
        const texts = fake.messages(channel).map((m) => m.text ?? '');
        // The spike day fires; the day after it is back under 10,000: one notice, under its own key.
        expect(texts).toHaveLength(2);
        expect(texts[0]).toContain(formatDate(spike));
        expect(texts[1]).toContain('Codex alert back to normal');
        expect(texts[1]).toContain(`${formatDate(spike + 86_400)}:`);
        expect(texts[1]).toContain(`it fired for ${formatDate(spike)}`);
        const notices = await store.alerts.firings(`${rule.id}:recovered`, 10);
        expect(notices.map((n) => [n.periodStart, n.status])).toEqual([[spike + 86_400, 'posted']]);
        expect(fake.messages(`${channel}X`).map((m) => m.text ?? '')).toHaveLength(1);
        // Each notice once: the next sync's run posts nothing more.
        expect(await runAlerts(deps('recover-b'))).toMatchObject({ posted: 0 });
        expect(fake.messages(channel)).toHaveLength(2);
        for (const r of [rule, plain]) await store.alerts.remove(r.id);
      },
    );

    it.skipIf(!backend.available)(
      'records a snoozed rule’s periods without posting, skips a muted one, DMs its owner',
      async () => {
        const snoozed = await store.alerts.create(
          anomaly({ destination: { kind: 'channel', channelId: 'C0SNOOZED' } }),
        );
        await store.alerts.snooze(snoozed.id, new Date('2026-12-31T00:00:00Z'));
        const muted = await store.alerts.create(
          anomaly({ destination: { kind: 'channel', channelId: 'C0MUTED' } }),
        );
        await store.alerts.setMuted(muted.id, true);
        const dm = await store.alerts.create(anomaly({ destination: { kind: 'dm' } }));
        const summary = await runAlerts(deps('worker-c'));
        expect(fake.messages('C0SNOOZED')).toEqual([]);
        expect(fake.messages('C0MUTED')).toEqual([]);
        expect((await store.alerts.firings(snoozed.id, 100)).every((f) => f.status === 'suppressed')).toBe(
          true,
        );
        expect(await store.alerts.firings(muted.id, 100)).toEqual([]);
        const opened = fake.calls.filter(
          (c) => c.method === 'conversations.open' && c.params.users === 'U0ADMIN001',
        );
        expect(opened.length).toBeGreaterThan(0);
        expect(summary.posted).toBe((await store.alerts.firings(dm.id, 100)).length);
        for (const rule of [snoozed, muted, dm]) await store.alerts.remove(rule.id);
      },
    );

    it.skipIf(!backend.available)(
      'DMs a budget’s owner once per month at 80%, 100% and a forecast over it',
      async () => {
        await store.budgets.set({
          teamId: 'T0TEAM0001',
          team: null,
          amount: 10,
          unit: 'credits',
          ownerUserId: 'U0ADMIN001',
        });
        await store.budgets.set({
          teamId: 'T0TEAM0002',
          team: null,
          amount: 1e12,
          unit: 'credits',
          ownerUserId: 'U0ADMIN001',
        });
        const budgetDeps = (workerId: string) => ({
          ...deps(workerId),
          budgets: store.budgets,
          claims: store.alerts,
        });
        const before = fake.messages('D0ADMIN001').length;
        expect(await runBudgetAlerts(budgetDeps('budget-a'))).toMatchObject({
          rules: 2,
          posted: 3,
          failed: 0,
        });
        const sent = fake
          .messages('D0ADMIN001')
          .slice(before)
          .map((m) => m.text ?? '');
        expect(sent).toHaveLength(3);
        expect(sent.some((t) => t.includes('has used 80% of its budget for November 2026'))).toBe(true);
        expect(sent.some((t) => t.includes('has used its whole budget'))).toBe(true);
        expect(sent.some((t) => t.includes('is forecast to pass its budget'))).toBe(true);
        // Each (budget, event, month) once: the next sync's run sends nothing.
        expect(await runBudgetAlerts(budgetDeps('budget-b'))).toMatchObject({ posted: 0 });
        await store.budgets.remove('T0TEAM0001', null);
        await store.budgets.remove('T0TEAM0002', null);
      },
    );

    it.skipIf(!backend.available || !backend.replicas)(
      'fires once with two runners racing on one store',
      async () => {
        const channel = 'C0RACE';
        const rule = await store.alerts.create(
          anomaly({ destination: { kind: 'channel', channelId: channel } }),
        );
        const other = await backend.open({ clock: createManualClock(MADE) });
        try {
          const slack = createDigestSlackClient({
            token: 'xoxb-alerts',
            apiUrl: fake.url,
            logger: h.logger,
            metrics: h.c.metrics,
          });
          const [a, b] = await Promise.all([
            runAlerts(deps('replica-a')),
            runAlerts({ ...deps('replica-b'), rules: other.alerts, slack }),
          ]);
          const firings = await store.alerts.firings(rule.id, 100);
          expect(firings.length).toBeGreaterThan(0);
          expect(a.posted + b.posted).toBe(firings.length);
          expect(fake.messages(channel)).toHaveLength(firings.length);
        } finally {
          await other.close();
        }
      },
    );
  },
);

describe('the alert scheduler', () => {
  it('judges the rules once per successful sync', async () => {
    let runs = 0;
    const scheduler = startAlertScheduler({
      warehouse: h.c.sync.warehouse,
      logger: h.logger,
      manual: true,
      run: async () => {
        runs += 1;
        return { rules: 0, posted: 0, suppressed: 0, failed: 0 };
      },
    });
    try {
      expect(await scheduler.tick()).toMatchObject({ status: 'ran' });
      expect(await scheduler.tick()).toEqual({ status: 'idle' });
      // A later sync (the clock moves on between syncs, as it does in production).
      h.clock.advance(60_000);
      const run = await h.c.sync.job.run({ onProgress: () => {}, signal: new AbortController().signal });
      expect(run.outcome).toBe('ok');
      expect(await scheduler.tick()).toMatchObject({ status: 'ran', syncId: run.id });
      expect(runs).toBe(2);
    } finally {
      await scheduler.stop();
    }
    expect(await scheduler.tick()).toEqual({ status: 'stopped' });
  });
});

describe('budget events', () => {
  const forecast = (spentShare: number, forecastShare: number | null) => ({
    spent: 0,
    spentShare,
    forecast: forecastShare,
    forecastShare,
    crossesOn: null,
    rates: null,
    closedDays: 0,
    remainingDays: 0,
  });
  it('are the thresholds the month has reached, in the order they happen', () => {
    expect(budgetEvents(forecast(0.5, 0.9))).toEqual([]);
    expect(budgetEvents(forecast(0.5, 1.2))).toEqual(['forecast-over']);
    expect(budgetEvents(forecast(0.8, 1.0))).toEqual(['spent-80']);
    expect(budgetEvents(forecast(1.0, 1.3))).toEqual(['forecast-over', 'spent-80', 'spent-100']);
    expect(budgetEvents(forecast(0.9, null))).toEqual(['spent-80']);
  });
});
