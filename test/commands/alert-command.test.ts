/**
 * `/codex alert preview` (issue 13) against the simulator's history in a real warehouse: the dates a
 * rule would have fired on are the days the pure usage figures put over its threshold, admins only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandText } from '../../commands/args/parse-command.js';
import type { CommandRegistry } from '../../commands/command-types.js';
import { createCommandRegistry } from '../../commands/create-command-registry.js';
import { formatDate, formatInteger } from '../../reports/blocks/format.js';
import { DAY_SECONDS, startOfUtcDay, toUnixSeconds } from '../../src/domain/utc-days.js';
import { median } from '../../src/figures/alert-evaluation.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store-types.js';
import {
  type CommandHarness,
  expectReplyWithinLimits,
  fixedNow,
  invocation,
  messageOf,
  startCommandHarness,
} from './command-harness.js';

describe('/codex alert preview against the simulator', () => {
  let h: CommandHarness;
  beforeAll(async () => {
    h = await startCommandHarness({ users: 120, seed: 'alert-preview' });
    // The first question backfills the warehouse (the API's 90 days).
    await h.run('usage 90d');
  });
  afterAll(async () => {
    await h.close();
  });

  it('is for admins only', async () => {
    const text = JSON.stringify(messageOf(await h.run('alert preview credits above 10 per day')).blocks);
    expect(text).toContain('Only Codex Pulse admins');
  });

  it('lists the closed days the usage figures put above the threshold, newest first', async () => {
    const freshness = await h.c.sync.warehouse.freshness();
    const historyStart = freshness.historyStart ?? Number.NaN;
    const dataThrough = freshness.dataThrough ?? Number.NaN;
    // Closed: ended 12 h ago and synced.
    const closedThrough = Math.min(
      startOfUtcDay(toUnixSeconds(fixedNow) - 12 * 3600),
      dataThrough + DAY_SECONDS,
    );
    const window = { start: historyStart, end: closedThrough };
    const view = await h.analytics.usage(window, { bucket: 'day', surface: null });
    const daily = view.usage.series.map((point) => ({ start: point.start, credits: point.totals.credits }));
    expect(daily.length).toBeGreaterThan(60);
    // A threshold in the middle of the history, so that the rule fires on about half the days.
    const threshold = Math.round(median(daily.map((d) => d.credits)));
    const expected = daily.filter((d) => d.credits > threshold).map((d) => d.start);
    expect(expected.length).toBeGreaterThan(5);

    const parsed = parseCommandText(`alert preview credits above ${threshold} per day`, fixedNow);
    expect(parsed).toMatchObject({ name: 'alert' });
    const reply = await h.run(`alert preview credits above ${threshold} per day`, { isAdmin: true });
    expect(reply).toMatchObject({ kind: 'message', visibility: 'ephemeral', audience: 'requester' });
    expectReplyWithinLimits(reply);
    const body = JSON.stringify(messageOf(reply).blocks);
    expect(body).toContain(`Would have fired *${formatInteger(expected.length)} times*`);
    const newest = expected.at(-1) ?? Number.NaN;
    const oldest = expected[0] ?? Number.NaN;
    expect(body).toContain(`• ${formatDate(newest)}:`);
    // Twelve are named, newest first; the oldest is among the "earlier" ones when there are more.
    if (expected.length > 12) expect(body).toContain(`…and ${formatInteger(expected.length - 12)} earlier`);
    else expect(body).toContain(`• ${formatDate(oldest)}:`);
  });

  it('says how close a threshold that never fired came', async () => {
    const reply = await h.run('alert preview credits above 100m per day', { isAdmin: true });
    const body = JSON.stringify(messageOf(reply).blocks);
    expect(body).toContain('Would not have fired');
    expect(body).toContain('The highest day was');
  });

  it('judges weekly distinct users over whole weeks', async () => {
    const reply = await h.run('alert preview active-users below 1000000 per week', { isAdmin: true });
    const body = JSON.stringify(messageOf(reply).blocks);
    // Every closed week is below a million users: the rule fires on each of them.
    const fired = /Would have fired \*(\d+) times\*/.exec(body);
    expect(Number(fired?.[1])).toBeGreaterThanOrEqual(11);
    expect(body).toContain('week of Mon');
  });
});

describe('/codex alert preview credits anomaly on a seeded spike', () => {
  const wednesday = Date.parse('2026-11-18T00:00:00Z') / 1000;
  const friday = Date.parse('2026-11-20T00:00:00Z') / 1000;
  const preview = async (dayFactors: { day: string; factor: number }[]) => {
    const h = await startCommandHarness({ users: 120, seed: 'alert-preview', dayFactors });
    try {
      await h.run('usage 90d');
      return JSON.stringify(
        messageOf(await h.run('alert preview credits anomaly', { isAdmin: true })).blocks,
      );
    } finally {
      await h.close();
    }
  };

  it('fires on the spike and on the drop, which it does not without them', async () => {
    const spiked = await preview([
      { day: '2026-11-18', factor: 6 },
      { day: '2026-11-20', factor: 0.05 },
    ]);
    expect(spiked).toContain(`• ${formatDate(wednesday)}:`);
    expect(spiked).toContain(`• ${formatDate(friday)}:`);
    const plain = await preview([]);
    expect(plain).not.toContain(`• ${formatDate(wednesday)}:`);
    expect(plain).not.toContain(`• ${formatDate(friday)}:`);
  });
});

describe('/codex alert add, list and remove, with the store', () => {
  let store: Store;
  let run: StoredRun;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, run, close } = await startStoredRegistry('alert-rules'));
  });
  afterAll(() => close());

  it('saves a rule for an admin, says where it posts and how often it would have fired', async () => {
    const body = await run('alert add credits above 1 per day <#C0OPS|codex-ops>', { isAdmin: true });
    expect(body).toContain('Alert saved');
    expect(body).toContain('posts once to <#C0OPS>');
    expect(body).toContain('Would have fired *');
    const [saved] = await store.alerts.list('T0TEAM0001');
    expect(saved).toMatchObject({
      ownerUserId: 'U0ADMIN001',
      spec: { metric: 'credits', condition: { kind: 'above', value: 1, per: 'day' } },
      destination: { kind: 'channel', channelId: 'C0OPS' },
    });
    expect(body).toContain(`Saved as \`${saved?.id}\``);
  });

  it('lists rules for everyone, and keeps rules about one person to admins', async () => {
    await run('alert add threads anomaly user <@U0ANA|ana>', { isAdmin: true });
    const member = await run('alert list');
    expect(member).toContain('Credits above 1 per day');
    expect(member).toContain('→ <#C0OPS>');
    expect(member).not.toContain('U0ANA');
    expect(member).toContain('1 more about single people, for admins only.');
    const admin = await run('alert list', { isAdmin: true });
    expect(admin).toContain('<@U0ANA>');
    expect(admin).toContain("<@U0ADMIN001>'s DM");
  });

  it('refuses members anything but the list, and removes a rule for an admin', async () => {
    for (const text of ['alert add credits above 1', 'alert remove abcde', 'alert preview credits anomaly']) {
      expect(await run(text)).toContain('Only Codex Pulse admins');
    }
    const [first] = await store.alerts.list('T0TEAM0001');
    const id = first?.id ?? '';
    expect(await run(`alert remove ${id.toUpperCase()}`, { isAdmin: true })).toContain(
      `Removed alert \`${id}\``,
    );
    expect(await run(`alert remove ${id}`, { isAdmin: true })).toContain(`There's no alert \`${id}\``);
    expect(await run('alert list', { isAdmin: true })).not.toContain(id);
  });
});

describe('/codex budget', () => {
  let h: CommandHarness;
  let run: StoredRun;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ h, run, close } = await startStoredRegistry('budgets'));
  });
  afterAll(() => close());

  it('says when there is none, and lets only admins set one', async () => {
    expect(await run('budget')).toContain('No budget set');
    expect(await run('budget set 50000 credits')).toContain('Only Codex Pulse admins');
    expect(await run('budget set 50k credits', { isAdmin: true })).toContain(
      'Set the monthly budget of the workspace to 50k credits',
    );
  });

  it('shows November so far against the budget, with a forecast that passes a small one', async () => {
    // The simulated month to 22 Nov spends far more than 10 credits, and far less than a billion.
    await run('budget set 10 credits', { isAdmin: true });
    const over = await run('budget');
    expect(over).toContain('Codex budgets · November 2026');
    expect(over).toMatch(/over budget since Sun 1 Nov/);
    await run('budget set 1000000000 credits', { isAdmin: true });
    const fine = await run('budget status');
    expect(fine).toContain('on track');
    expect(fine).toContain('forecast');
    expect(fine).toContain('by Mon 30 Nov');
  });

  it('refuses a budget or a rule for a team nobody stored', async () => {
    expect(await run('budget set 100 team @nosuchteam', { isAdmin: true })).toContain(
      "I don't know the team `nosuchteam`",
    );
    expect(await run('alert preview active-users below 5 team @nosuchteam', { isAdmin: true })).toContain(
      "I don't know the team `nosuchteam`",
    );
  });

  it('keeps a team’s budget beside the workspace’s and removes either', async () => {
    await h.c.sync.warehouse.teams.replaceSnapshot({
      identities: [],
      teams: [{ id: 'S0PLATFORM', name: '@platform', origin: 'usergroup', seats: false }],
      memberships: [],
    });
    await run('budget set $2,500 team @platform', { isAdmin: true });
    const both = await run('budget');
    expect(both).toContain('*Workspace*');
    expect(both).toContain('*Team platform*');
    expect(both).toContain('$2,500 est.');
    expect(await run('budget remove team @platform', { isAdmin: true })).toContain(
      'Removed the budget of team platform',
    );
    expect(await run('budget remove team @platform', { isAdmin: true })).toContain(
      'team platform has no budget',
    );
    expect(await run('budget')).not.toContain('Team platform');
  });
});

type StoredRun = (text: string, who?: { isAdmin?: boolean }) => Promise<string>;
interface StoredRegistry {
  h: CommandHarness;
  store: Store;
  run: StoredRun;
  close: () => Promise<void>;
}

/**
 * The command layer with the store's alert rules and budgets, over a warehouse the first question
 * backfilled from the simulator (seed `seed`): `run` dispatches as a member or admin and returns the
 * reply's blocks as JSON, checked against Slack's limits.
 */
async function startStoredRegistry(seed: string): Promise<StoredRegistry> {
  const h = await startCommandHarness({ users: 60, seed });
  await h.run('usage 90d');
  const dataDir = await mkdtemp(join(tmpdir(), `codex-pulse-${seed}-`));
  const store = await openStore({ dataDir, logger: h.logger, clock: h.c.clock });
  const registry: CommandRegistry = createCommandRegistry({
    analytics: h.analytics,
    logger: h.logger,
    alerts: { history: h.c.alertHistory, rules: store.alerts, budgets: store.budgets },
  });
  const run: StoredRun = async (text, who = {}) => {
    const reply = await registry.dispatch(invocation(text, who));
    expectReplyWithinLimits(reply);
    return JSON.stringify(messageOf(reply).blocks);
  };
  const close = async () => {
    await store.close();
    await h.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  return { h, store, run, close };
}
