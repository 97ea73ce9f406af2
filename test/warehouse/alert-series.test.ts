/**
 * An alert rule's metric per period from the warehouse (issue 13), on both engines, against figures
 * computed by hand from the fixture rows below: sums fold days into periods, distinct users are counted
 * per period (never summed over days), scopes narrow to a surface, a team or a user.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createSurfaceMapper } from '../../src/codex/surface-mapper.js';
import type { AlertMetric, AlertPeriod, AlertScope } from '../../src/domain/alert-rules.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { active, DAY, responseRow, reviewRow, sec, usageRow } from '../figures/fixture-rows.js';
import { warehouseEachTest } from '../helpers/warehouse-each-test.js';
import { backends } from './warehouse-backends.js';

// Mon 2 Nov … Sun 15 Nov 2026: two whole Monday weeks.
const TWO_WEEKS = { start: sec('2026-11-02'), end: sec('2026-11-16') };
const surfaceOf = createSurfaceMapper();

const usdRow = (user: string, day: string, credits: number, costUsd: number | null) => {
  const row = usageRow({ user, day, clients: [{ client: 'CODEX_CLI', threads: 1, credits }] });
  return { ...row, totals: { ...row.totals, cost_usd: costUsd } };
};

const usage = [
  // Week 1: ana active 3 days on the CLI, bob once in the IDE, carol once without clients[] (Other).
  active('ana', '2026-11-02', 'CODEX_CLI', 10),
  active('ana', '2026-11-03', 'CODEX_CLI', 20),
  active('ana', '2026-11-04', 'CODEX_CLI', 30),
  active('bob', '2026-11-03', 'CODEX_IDE_VSCODE', 5),
  usageRow({ user: 'carol', day: '2026-11-05', totals: { threads: 2, credits: 7 } }),
  // Week 2: ana on two surfaces in one day, dave billed in USD (cost_usd given), eve with nothing above zero.
  usageRow({
    user: 'ana',
    day: '2026-11-09',
    clients: [
      { client: 'CODEX_CLI', threads: 1, credits: 4 },
      { client: 'CODEX_IDE_VSCODE', threads: 3, credits: 6 },
    ],
  }),
  usdRow('dave', '2026-11-10', 100, 2.5),
  usageRow({ user: 'eve', day: '2026-11-11', clients: [{ client: 'CODEX_CLI' }] }),
];

describe.each(backends())('alert series on $kind', (backend) => {
  let warehouse: Warehouse;
  warehouseEachTest(backend, (opened) => {
    warehouse = opened;
  });
  beforeEach(async () => {
    if (!backend.available) return;
    await warehouse.replaceUserUsage(TWO_WEEKS, usage);
    await warehouse.replaceCodeReviews(TWO_WEEKS, [
      reviewRow('2026-11-02', 3, 9, { p0: 1, p1: 2, p2: 3 }),
      reviewRow('2026-11-12', 2, 4, { p0: 2, p1: 0, p2: 0 }),
    ]);
    const votes = (upvotes: number, downvotes: number) =>
      ({
        comments: 5,
        replies: 0,
        upvotes,
        downvotes,
        other: 0,
        engaged: 1,
        reacted: 1,
        replied: 0,
      }) as const;
    await warehouse.replaceCodeReviewResponses(TWO_WEEKS, [
      responseRow('2026-11-03', votes(3, 1)),
      responseRow('2026-11-04', votes(1, 3)),
    ]);
    await warehouse.teams.replaceSnapshot({
      identities: [
        { codexUserId: 'ana', email: 'ana@example.com', slackUserId: 'UANA' },
        { codexUserId: 'bob', email: 'bob@example.com', slackUserId: 'UBOB' },
      ],
      teams: [
        { id: 'S1', name: '@platform', origin: 'usergroup', seats: false },
        { id: 'S2', name: '@licensed', origin: 'usergroup', seats: true },
        { id: 'S3', name: '@infra', origin: 'usergroup', seats: false },
      ],
      memberships: [
        member('S1', 'UANA', 'ana'),
        member('S1', 'UBOB', 'bob'),
        member('S1', 'UNEW', null),
        member('S2', 'UDAVE', 'dave'),
        // ana in two teams; dave matched under two member keys counts once.
        member('S3', 'UANA', 'ana'),
        member('S3', 'UDAVE', 'dave'),
        member('S3', 'dave@example.com', 'dave'),
      ],
    });
  });

  const series = async (
    metric: AlertMetric,
    period: AlertPeriod,
    scope: AlertScope = { kind: 'workspace' },
    closedThrough = TWO_WEEKS.end,
  ) => {
    const periods = await warehouse.alertSeries({
      metric,
      scope,
      period,
      window: TWO_WEEKS,
      closedThrough,
      surfaceOf,
      creditPriceUsd: 0.04,
    });
    return periods.map((p) => p.value);
  };

  it.skipIf(!backend.available)(
    'sums credits and threads per day and per week, every period present',
    async () => {
      expect(await series('credits', 'week')).toEqual([72, 110]);
      const daily = await series('credits', 'day');
      expect(daily).toHaveLength(14);
      expect(daily.slice(0, 4)).toEqual([10, 25, 30, 7]);
      expect(daily[13]).toBe(0);
      expect(await series('threads', 'week')).toEqual([6, 5]);
    },
  );

  it.skipIf(!backend.available)('counts distinct active users per period, never summing days', async () => {
    // Week 1: ana, bob, carol (ana on three days counts once). Week 2: ana, dave; eve did nothing.
    expect(await series('active-users', 'week')).toEqual([3, 2]);
    // The month: ana, bob, carol, dave — 4, not the weeks' 3 + 2.
    expect(await series('active-users', 'month')).toEqual([4]);
    expect((await series('active-users', 'day')).slice(0, 3)).toEqual([1, 2, 1]);
  });

  it.skipIf(!backend.available)(
    'prices USD from cost_usd where given, else credits × the price',
    async () => {
      // Week 1: 72 credits × 0.04; week 2: ana's 10 credits × 0.04 + dave's 2.5 USD.
      const [first, second] = (await series('usd', 'week')) as number[];
      expect(first).toBeCloseTo(2.88, 9);
      expect(second).toBeCloseTo(2.9, 9);
    },
  );

  it.skipIf(!backend.available)(
    'narrows to a surface: clients on it, client-less rows under Other',
    async () => {
      expect(await series('credits', 'week', { kind: 'surface', surface: 'cli' })).toEqual([60, 104]);
      expect(await series('credits', 'week', { kind: 'surface', surface: 'ide' })).toEqual([5, 6]);
      expect(await series('credits', 'week', { kind: 'surface', surface: 'other' })).toEqual([7, 0]);
      expect(await series('active-users', 'week', { kind: 'surface', surface: 'ide' })).toEqual([1, 1]);
    },
  );

  it.skipIf(!backend.available)('narrows to a team by any of its names, and to one Slack user', async () => {
    const platform: AlertScope = { kind: 'team', team: 'platform' };
    expect(await series('credits', 'week', platform)).toEqual([65, 10]);
    expect(await series('active-users', 'week', platform)).toEqual([2, 1]);
    expect(await series('credits', 'week', { kind: 'team', team: 's1' })).toEqual([65, 10]);
    // The seats group is not a team.
    expect(await series('credits', 'week', { kind: 'team', team: 'licensed' })).toEqual([0, 0]);
    expect(await series('credits', 'week', { kind: 'user', slackUserId: 'UBOB' })).toEqual([5, 0]);
  });

  it.skipIf(!backend.available)(
    'reads Code Review metrics: P0 findings and the positive share of votes',
    async () => {
      expect(await series('p0', 'week')).toEqual([1, 2]);
      // Week 1: (3 + 1) up of (4 + 4) votes; week 2: no votes at all → unknown, not 0.
      expect(await series('positive-share', 'week')).toEqual([0.5, null]);
    },
  );

  it.skipIf(!backend.available)(
    'reads many rules at once in a few statements, each series as it reads alone (issue 13 §5)',
    async () => {
      const scopes: AlertScope[] = [
        { kind: 'workspace' },
        { kind: 'surface', surface: 'cli' },
        { kind: 'surface', surface: 'ide' },
        { kind: 'surface', surface: 'other' },
        { kind: 'team', team: 'platform' },
        { kind: 'team', team: 's1' },
        { kind: 'team', team: 'infra' },
        { kind: 'team', team: 'licensed' },
        { kind: 'team', team: 'nobody' },
        { kind: 'user', slackUserId: 'UBOB' },
        { kind: 'user', slackUserId: 'UANA' },
      ];
      // Windows and horizons differ per rule, as they do per period length: whole weeks; a month of
      // days and a whole week (from Wed 4 Nov); one across a month's end, its last week clipped; one
      // starting and ending inside a day (its first period holds no day start, its last one does).
      const windows = [
        TWO_WEEKS,
        { start: TWO_WEEKS.start + 7 * DAY, end: TWO_WEEKS.end },
        { start: sec('2026-11-04'), end: TWO_WEEKS.end },
        { start: sec('2026-10-28'), end: sec('2026-11-13') },
        { start: sec('2026-11-02') + DAY / 2, end: sec('2026-11-12') + DAY / 4 },
      ];
      const metrics: AlertMetric[] = ['credits', 'usd', 'threads', 'active-users'];
      const queries = [
        ...metrics.flatMap((metric) =>
          (['day', 'week', 'month'] as const).flatMap((period) =>
            scopes.map((scope) => ({ metric, scope, period })),
          ),
        ),
        { metric: 'p0' as const, scope: { kind: 'workspace' as const }, period: 'week' as const },
        { metric: 'positive-share' as const, scope: { kind: 'workspace' as const }, period: 'day' as const },
      ].map((q, i) => ({
        ...q,
        window: windows[i % windows.length] ?? TWO_WEEKS,
        closedThrough: sec('2026-11-12'),
        surfaceOf,
        creditPriceUsd: 0.04,
      }));
      const rounded = (periods: readonly { value: number | null }[]) =>
        periods.map((p) => ({ ...p, value: p.value === null ? null : Math.round(p.value * 1e9) / 1e9 }));
      const expectAsAlone = async (asked: typeof queries) => {
        const batch = await warehouse.alertSeriesMany(asked);
        for (const [i, query] of asked.entries()) {
          expect(rounded(batch.series[i] ?? []), JSON.stringify(query)).toEqual(
            rounded(await warehouse.alertSeries(query)),
          );
        }
        return batch.statements;
      };
      // A statement per kind of read (sums: per scope kind; distinct users: workspace and surfaces, teams
      // and users — every period length and window in one), not per rule.
      expect(queries.length).toBeGreaterThan(120);
      expect(await expectAsAlone(queries)).toBeLessThanOrEqual(12);
      // Without USD, teams and users read their credits and threads from the activity rows.
      expect(await expectAsAlone(queries.filter((q) => q.metric !== 'usd'))).toBeLessThanOrEqual(10);
      // A window inside one day: no day start, so no rows and nobody active.
      const inside = { start: sec('2026-11-03') + DAY / 4, end: sec('2026-11-03') + DAY / 2 };
      const head = queries[0] as (typeof queries)[number];
      await expectAsAlone([{ ...head, metric: 'active-users', window: inside }]);
      expect(await warehouse.alertSeriesMany([])).toEqual({ series: [], statements: 0 });
    },
  );

  it.skipIf(!backend.available)(
    'reads a surface holding a client key without a surface bit from the per-client rows',
    async () => {
      // 61 more client ids (JetBrains IDEs: ide) take keys 2…62; 61 and 62 are past MAX_CLIENT_KEY (60).
      const ids = Array.from({ length: 61 }, (_, n) => `CODEX_IDE_JETBRAINS_Z${String(n).padStart(2, '0')}`);
      const last = ids[60] as string;
      await warehouse.replaceUserUsage(TWO_WEEKS, [
        ...usage,
        usageRow({ user: 'fay', day: '2026-11-12', clients: ids.map((client) => ({ client, credits: 1 })) }),
        // gus used only the client whose key has no bit.
        usageRow({ user: 'gus', day: '2026-11-13', clients: [{ client: last, threads: 1 }] }),
      ]);
      const queries = (['cli', 'ide', 'other'] as const).flatMap((surface) =>
        (['day', 'week', 'month'] as const).map((period) => ({
          metric: 'active-users' as const,
          scope: { kind: 'surface' as const, surface },
          period,
          window: TWO_WEEKS,
          closedThrough: TWO_WEEKS.end,
          surfaceOf,
          creditPriceUsd: 0.04,
        })),
      );
      const batch = await warehouse.alertSeriesMany([
        ...queries,
        { ...(queries[0] as (typeof queries)[number]), scope: { kind: 'workspace' } },
      ]);
      const ide = (period: number) => batch.series[3 + period]?.map((p) => p.value);
      // The IDE: bob in week 1; ana, fay and gus in week 2 — gus on 13 Nov alone.
      expect(ide(1)).toEqual([1, 3]);
      expect(ide(2)).toEqual([4]);
      expect(ide(0)?.slice(10, 12)).toEqual([1, 1]);
      for (const [i, query] of queries.entries()) {
        expect(batch.series[i], JSON.stringify(query)).toEqual(await warehouse.alertSeries(query));
      }
    },
  );

  it.skipIf(!backend.available)(
    'flags the periods that end after the closed horizon as provisional',
    async () => {
      const periods = await warehouse.alertSeries({
        metric: 'credits',
        scope: { kind: 'workspace' },
        period: 'week',
        window: TWO_WEEKS,
        closedThrough: sec('2026-11-12'),
        surfaceOf,
        creditPriceUsd: 0.04,
      });
      expect(periods.map((p) => [p.start, p.end, p.provisional])).toEqual([
        [TWO_WEEKS.start, TWO_WEEKS.start + 7 * DAY, false],
        [TWO_WEEKS.start + 7 * DAY, TWO_WEEKS.end, true],
      ]);
    },
  );
});

function member(teamId: string, memberKey: string, codexUserId: string | null) {
  return {
    teamId,
    memberKey,
    slackUserId: memberKey,
    email: null,
    codexUserId,
    manager: null,
    costCentre: null,
  };
}
