/**
 * The personal weekly DM end to end (issue 13 §4), on real parts: `/codex me subscribe` through the real
 * registry, the real embedded store, the real digest service and scheduler, analytics over the simulator
 * and a real warehouse (with a team snapshot and budgets), posting to the fake Slack Web API. Only the
 * clock is ours.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandRegistry } from '../../commands/command-types.js';
import { createCommandRegistry } from '../../commands/create-command-registry.js';
import { formatCredits } from '../../reports/blocks/format.js';
import { PERSONAL_UNSUBSCRIBE_ACTION_ID } from '../../reports/personal/personal-week-message.js';
import { createTextRenderer } from '../../src/charts/text-renderer.js';
import { type FakeSlack, startFakeSlack } from '../../src/dev/fake-slack/fake-slack.js';
import { createDigestService } from '../../src/digests/create-digest-service.js';
import { digestMetadata } from '../../src/digests/digest-metadata.js';
import { type DigestScheduler, startDigestScheduler } from '../../src/digests/digest-scheduler.js';
import { createDigestSlackClient } from '../../src/digests/digest-slack-client.js';
import { periodFor } from '../../src/domain/digest-schedule.js';
import { lastClosedWeek } from '../../src/domain/utc-days.js';
import type { RankedUser } from '../../src/figures/figure-types.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store-types.js';
import { createTeamsOfMember } from '../../src/teams/teams-of-member.js';
import { type CommandHarness, invocation, startCommandHarness } from '../commands/command-harness.js';
import { testMetrics } from '../helpers/test-metrics.js';
import { postgresBackend } from '../store/store-backends.js';

const SUBSCRIBER = 'U0SUBSCR01';
const DM = `D${SUBSCRIBER.slice(1)}`;
/** Tue 24 Nov 2026 10:31 UTC: one minute after the subscription's Tuesday 10:30 UTC slot. */
const DUE_PLUS_ONE = new Date('2026-11-24T10:31:00Z');

describe('personal weekly DM, end to end', () => {
  let h: CommandHarness;
  let fake: FakeSlack;
  let store: Store;
  let dir: string;
  let registry: CommandRegistry;
  let scheduler: DigestScheduler;
  let me: RankedUser;
  let email: string;

  /** The digest service as src/main/digest-runtime.ts builds it, over `target` (a store, or a replica of one). */
  function serviceOver(target: Store, workerId: string) {
    const renderer = createTextRenderer();
    const metrics = testMetrics();
    return createDigestService({
      store: target,
      analytics: h.analytics,
      renderChart: (spec) => renderer.render(spec),
      slack: createDigestSlackClient({ token: 'xoxb-personal', apiUrl: fake.url, logger: h.logger, metrics }),
      clock: h.clock,
      logger: h.logger,
      metrics,
      workerId,
      codexRetryDelaysMs: [],
      personalBudgets: {
        budgets: target.budgets,
        history: h.c.alertHistory,
        teamsOf: createTeamsOfMember(h.c.sync.warehouse),
      },
    });
  }

  /** A Tuesday 10:30 UTC personal subscription of `user`, as `/codex me subscribe tue 10:30` makes it. */
  const createPersonal = (target: Store, user: string) =>
    target.subscriptions.create({
      teamId: 'T0TEAM0001',
      channelId: user,
      ownerUserId: user,
      kind: 'personal',
      day: 'tue',
      time: '10:30',
      timeZone: 'UTC',
      style: 'standard',
      cadence: 'weekly',
    });

  beforeAll(async () => {
    h = await startCommandHarness({ users: 120, seed: 'personal-week' });
    await h.run('usage 90d'); // syncs the warehouse the budget series read
    const week = lastClosedWeek(h.clock.now());
    const ranking = await h.analytics.ranking(week, { sortBy: 'credits', surface: null, topN: 50 });
    const found = ranking.ranking.users.find((u) => u.email !== null && u.credits > 0);
    if (!found?.email) throw new Error('the simulator gave no active user with an email');
    me = found;
    email = found.email;
    fake = await startFakeSlack({ now: () => h.clock.now() });
    fake.users.set(SUBSCRIBER, { id: SUBSCRIBER, name: 'sub', email: email.toUpperCase(), tz: 'UTC' });
    dir = await mkdtemp(join(tmpdir(), 'codex-pulse-personal-week-'));
    store = await openStore({ dataDir: dir, logger: h.logger, clock: h.clock });
    // The subscriber is in @platform, not in @payments; each team has a budget, and so does the workspace.
    await h.c.sync.warehouse.teams.replaceSnapshot({
      identities: [],
      teams: [
        { id: 'S0PLATFORM', name: '@platform', origin: 'usergroup', seats: false },
        { id: 'S0PAYMENTS', name: '@payments', origin: 'usergroup', seats: false },
      ],
      memberships: [
        {
          teamId: 'S0PLATFORM',
          memberKey: SUBSCRIBER,
          slackUserId: SUBSCRIBER,
          email,
          codexUserId: me.userId,
          manager: null,
          costCentre: null,
        },
      ],
    });
    const budget = (team: string | null, amount: number) =>
      store.budgets.set({ teamId: 'T0TEAM0001', team, amount, unit: 'credits', ownerUserId: 'U0ADMIN001' });
    await budget('platform', 5_000);
    await budget('payments', 7_000);
    await budget(null, 90_000);
    const service = serviceOver(store, 'personal-week-tests');
    registry = createCommandRegistry({
      analytics: h.analytics,
      logger: h.logger,
      digests: { subscriptions: store.subscriptions, deliveries: store.deliveries, service },
    });
    scheduler = startDigestScheduler({ service, clock: h.clock, logger: h.logger, manual: true });
  });
  afterAll(async () => {
    await scheduler.stop();
    await store.close();
    await fake.close();
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('subscribes, then DMs the week once across two scheduler runs, with the team budget and the button', async () => {
    const reply = await registry.dispatch({
      ...invocation('me subscribe tue 10:30', { email }),
      userId: SUBSCRIBER,
      userTimezone: 'UTC',
      now: h.clock.now(),
    });
    expect(JSON.stringify(reply)).toContain('every Tuesday at 10:30 UTC');
    const sub = await store.subscriptions.findPersonal('T0TEAM0001', SUBSCRIBER);
    if (!sub) throw new Error('expected a personal subscription');

    // Not due yet: the slot of today passed before the subscription existed.
    expect((await scheduler.tick())?.results).toEqual([]);
    h.clock.set(DUE_PLUS_ONE);
    const first = await scheduler.tick();
    const second = await scheduler.tick();
    expect(first?.results.map((r) => r.outcome.status)).toEqual(['delivered']);
    expect(second?.results.map((r) => r.outcome.status)).toEqual(['already']);

    const opened = fake.calls.filter((c) => c.method === 'conversations.open');
    expect(opened.map((c) => c.params.users)).toEqual([SUBSCRIBER]);
    const messages = fake.messages(DM);
    expect(messages).toHaveLength(1);
    const blocks = JSON.stringify(messages[0]?.blocks);
    // The subscriber's own week, Mon 16 – Sun 22 Nov: their credits, USD labelled an estimate, rank.
    const view = await h.analytics.personal(lastClosedWeek(DUE_PLUS_ONE), email);
    expect(view?.user.credits).toBe(me.credits);
    expect(blocks).toContain('Your Codex week');
    expect(blocks).toContain(`*Credits*\\n${formatCredits(me.credits)}`);
    expect(blocks).toContain('*USD*\\n');
    expect(blocks).toContain('*Threads*');
    expect(blocks).toContain(`of ${view?.totalUsers} active users`);
    // One status line for the budget of their team; not another team's, not the workspace's.
    expect(blocks).toContain('Team platform');
    expect(blocks).not.toContain('Team payments');
    expect(blocks).not.toContain('*Workspace*');
    expect(blocks).toContain(PERSONAL_UNSUBSCRIBE_ACTION_ID);
    expect(blocks).toContain(`"value":"${sub.id}"`);
    // The email is not stored with the subscription, and not written to the logs.
    expect(JSON.stringify(await store.subscriptions.get(sub.id))).not.toContain(email);
    expect(JSON.stringify(h.logger.lines)).not.toContain(email);
    const delivery = await store.deliveries.recent(sub.id, 5);
    expect(delivery.map((d) => [d.status, d.postedParts])).toEqual([['delivered', 1]]);
    await registry.dispatch({ ...invocation('me unsubscribe'), userId: SUBSCRIBER, now: h.clock.now() });
  });

  it('skips (and records) a subscriber Slack gives no email for, or no Codex user matches: no DM', async () => {
    const ghost = 'U0GHOST001';
    const silent = 'U0SILENT01';
    fake.users.set(ghost, { id: ghost, name: 'ghost', email: 'ghost@example.com' });
    fake.users.set(silent, { id: silent, name: 'silent' });
    h.clock.set(new Date('2026-11-20T00:00:00Z'));
    for (const user of [ghost, silent]) {
      await createPersonal(store, user);
    }
    h.clock.set(DUE_PLUS_ONE);
    const run = await scheduler.tick();
    const reasons = run?.results.map((r) =>
      r.outcome.status === 'skipped' ? r.outcome.reason : r.outcome.status,
    );
    expect(reasons?.sort()).toEqual([
      expect.stringMatching(/^no_codex_match/),
      expect.stringMatching(/^no_email/),
    ]);
    expect(fake.messages(`D${ghost.slice(1)}`)).toHaveLength(0);
    expect(fake.messages(`D${silent.slice(1)}`)).toHaveLength(0);
    expect((await scheduler.tick())?.results.map((r) => r.outcome.status)).toEqual(['already', 'already']);
  });

  it('a replica that posted the DM and died before recording it: the resume finds it by its metadata', async () => {
    const crashed = 'U0CRASHED1';
    fake.users.set(crashed, { id: crashed, name: 'crashed', email });
    h.clock.set(new Date('2026-11-20T00:00:00Z'));
    const sub = await createPersonal(store, crashed);
    h.clock.set(DUE_PLUS_ONE);
    const key = { subscriptionId: sub.id, periodStart: periodFor(DUE_PLUS_ONE, 'weekly') };
    const due = new Date('2026-11-24T10:30:00Z');
    // The dead replica's claim and its post, which Slack accepted; the record of it was lost.
    await store.deliveries.claim({
      ...key,
      dueAt: due,
      workerId: 'dead',
      now: DUE_PLUS_ONE,
      leaseMs: 60_000,
    });
    const slack = createDigestSlackClient({
      token: 'xoxb-dead',
      apiUrl: fake.url,
      logger: h.logger,
      metrics: testMetrics(),
    });
    const dm = `D${crashed.slice(1)}`;
    await slack.chat.postMessage({ channel: dm, text: 'Your Codex week', metadata: digestMetadata(key, 0) });
    h.clock.set(new Date(DUE_PLUS_ONE.getTime() + 15 * 60_000));
    const run = await scheduler.tick();
    const mine = run?.results.find((r) => r.subscriptionId === sub.id);
    expect(mine?.outcome.status).toBe('delivered');
    expect(fake.messages(dm)).toHaveLength(1);
    expect((await store.deliveries.get(key))?.postedParts).toBe(1);
  });

  it('sendPersonalNow DMs the last closed week before the slot, under the claim the slot then finds', async () => {
    const early = 'U0EARLY001';
    fake.users.set(early, { id: early, name: 'early', email });
    // Tuesday 1 Dec 08:00: the 10:30 slot of today is still ahead; both cover Mon 23 – Sun 29 Nov.
    h.clock.set(new Date('2026-12-01T08:00:00Z'));
    const sub = await createPersonal(store, early);
    const service = serviceOver(store, 'send-now');
    expect((await service.sendPersonalNow(sub.id, h.clock.now())).status).toBe('delivered');
    expect((await service.sendPersonalNow(sub.id, h.clock.now())).status).toBe('already');
    h.clock.set(new Date('2026-12-01T10:31:00Z'));
    const run = await scheduler.tick();
    expect(run?.results.find((r) => r.subscriptionId === sub.id)?.outcome.status).toBe('already');
    expect(fake.messages(`D${early.slice(1)}`)).toHaveLength(1);
    // A channel digest or an unknown id never reaches a person's DM this way.
    const channel = await store.subscriptions.create({
      teamId: 'T0TEAM0001',
      channelId: 'C0CHANNEL1',
      ownerUserId: early,
      day: 'tue',
      time: '10:30',
      timeZone: 'UTC',
      style: 'standard',
      cadence: 'weekly',
    });
    expect((await service.sendPersonalNow(channel.id, h.clock.now())).status).toBe('failed');
    expect((await service.sendPersonalNow('nope1', h.clock.now())).status).toBe('failed');
    await store.subscriptions.remove(channel.id);
  });

  const postgres = postgresBackend();
  it.skipIf(!postgres.available)('two replicas on one PostgreSQL store send the DM once', async () => {
    await postgres.setUp();
    const racer = 'U0RACER001';
    fake.users.set(racer, { id: racer, name: 'racer', email });
    const a = await postgres.open({ clock: h.clock, logger: h.logger });
    const b = await postgres.open({ clock: h.clock, logger: h.logger });
    try {
      h.clock.set(new Date('2026-11-20T00:00:00Z'));
      await createPersonal(a, racer);
      h.clock.set(DUE_PLUS_ONE);
      const runs = await Promise.all([
        serviceOver(a, 'replica-a').runDue(h.clock.now()),
        serviceOver(b, 'replica-b').runDue(h.clock.now()),
      ]);
      const statuses = runs.flatMap((r) => r.results.map((x) => x.outcome.status)).sort();
      expect(statuses).toEqual(['already', 'delivered']);
      expect(fake.messages(`D${racer.slice(1)}`)).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
      await postgres.tearDown();
    }
  });
});
