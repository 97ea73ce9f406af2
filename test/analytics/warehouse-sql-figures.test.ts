/**
 * Issue 11 §5: the warehouse's SQL figures (Warehouse.usageFigures, reviewFigures) equal the pure
 * functions (computeAdoption, computeUsageBreakdown, computeReviewFigures) on the very rows the warehouse
 * stores — read back with userUsageRows — for every bucket, with and without a surface filter, for all
 * users and for one team, on DuckDB and on PostgreSQL. Beside the simulator's rows, one day holds rows
 * made for the edge cases: no clients[] (wholly Other), two clients on one surface (one user, counted
 * once), a null and an unknown client_id, an inactive client under active totals, an inactive row,
 * identity only in `actor`, unknown tokens, billed USD, review rows without details. The last test
 * drops what migration 5 added and reopens: the models and reactions filled from the raw JSON give the
 * same figures as those written at sync; the last two re-sync a day (its aggregates follow, daily,
 * weekly, monthly and per surface set) and drop what migrations 7 and 9 added (they rebuild them from
 * the stored rows).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rowsOfUsers, rowsOnSurface } from '../../src/analytics/row-filters.js';
import { createManualClock } from '../../src/clock.js';
import type { CodeReviewResponseRow, CodeReviewRow, UsageRow } from '../../src/codex/schemas.js';
import { usageRowSchema } from '../../src/codex/schemas.js';
import type { RunningSimulator } from '../../src/dev/simulator/start-simulator.js';
import { surfaces } from '../../src/domain/surfaces.js';
import { dayKey, startOfUtcWeek, type TimeWindow } from '../../src/domain/utc-days.js';
import { periodContaining } from '../../src/domain/utc-months.js';
import { computeAdoption } from '../../src/figures/adoption.js';
import type { Bucket } from '../../src/figures/figure-types.js';
import { computeReviewFigures } from '../../src/figures/review-figures.js';
import { computeUsageBreakdown } from '../../src/figures/usage-breakdown.js';
import { usageAggregateTableNames } from '../../src/warehouse/usage-aggregates.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import type { UsersScope } from '../../src/warehouse/warehouse-figure-queries.js';
import { figureDifferences } from '../helpers/same-figures.js';
import { backends } from '../warehouse/warehouse-backends.js';
import { DAY, NOW, startTestSimulator, surfaceOf, TODAY } from './analytics-harness.js';
import { type WarehouseAnalytics, warehouseAnalyticsFor } from './warehouse-analytics-harness.js';

/** Outside the simulator's 90-day lookback, so the sync never replaces it. */
const EDGE_DAY = TODAY - 100 * DAY;
const buckets: Bucket[] = ['day', 'week', 'month', 'quarter'];
const windows: Record<string, TimeWindow> = {
  'edge day to today': { start: EDGE_DAY - 3 * DAY, end: TODAY + DAY },
  'last 28 days, today included': { start: TODAY - 27 * DAY, end: TODAY + DAY },
  'from mid-September': { start: Date.UTC(2026, 8, 14) / 1000, end: Date.UTC(2026, 10, 3) / 1000 },
  'nothing stored': { start: EDGE_DAY - 60 * DAY, end: EDGE_DAY - 30 * DAY },
  // Windows that are one stored period: their distinct users come from the surface sets.
  "the edge day's month": periodContaining(EDGE_DAY, 'month'),
  "the edge day's week": { start: startOfUtcWeek(EDGE_DAY), end: startOfUtcWeek(EDGE_DAY) + 7 * DAY },
  'the edge day': { start: EDGE_DAY, end: EDGE_DAY + DAY },
};

const metrics = (threads: number, credits: number, tokens: number | null = null) => ({
  threads,
  turns: threads * 3,
  credits,
  text_total_tokens: tokens,
  uncached_text_input_tokens: tokens,
});

function edgeRows(day: number): UsageRow[] {
  const bucket = { start_time: day, end_time: day + DAY };
  return [
    // No clients[]: wholly Other; tokens unknown; its models still count.
    {
      ...bucket,
      user_id: 'edge-1',
      email: 'edge1@example.com',
      totals: metrics(2, 1.5),
      models: [{ model: 'edge-model', speed: null, ...metrics(0, 1.5) }],
    },
    // Two clients on one surface: one CLI user; tokens known on one; billed USD on the other.
    {
      ...bucket,
      user_id: 'edge-2',
      totals: { ...metrics(3, 4, 900), cost_usd: 0.5 },
      clients: [
        { client_id: 'CODEX_CLI', ...metrics(2, 3, 900) },
        { client_id: 'CODEX_SDK_TS', ...metrics(1, 1), cost_usd: 0.5 },
      ],
      models: [
        { model: 'gpt-5.4', speed: 'fast', ...metrics(0, 3, 900) },
        { model: 'gpt-5.4', speed: 'standard', ...metrics(0, 1), estimated_cost_usd: 0.02 },
      ],
    },
    // Identity only in `actor`; a client without client_id (Other) and an unknown one.
    {
      ...bucket,
      user_id: null,
      actor: { type: 'user', user_id: 'edge-3', email: 'edge3@example.com' },
      totals: metrics(2, 2, 10),
      clients: [
        { client_id: null, ...metrics(1, 1, 5) },
        { client_id: 'SOMETHING_NEW', ...metrics(1, 1, 5) },
      ],
    },
    // An inactive client under active totals: active, on no surface.
    {
      ...bucket,
      user_id: 'edge-4',
      totals: metrics(1, 0.25),
      clients: [{ client_id: 'CODEX_IDE_VSCODE', ...metrics(0, 0) }],
    },
    // A row without any activity: counts for the series' extent, for nobody's activity.
    { ...bucket, user_id: 'edge-5', totals: metrics(0, 0) },
  ].map((row) => usageRowSchema.parse(row));
}

const edgeReviews = (day: number): CodeReviewRow[] => [
  { start_time: day, end_time: day + DAY, pull_request_reviews: 4, comments: 9, comment_details: null },
];
const edgeResponses = (day: number): CodeReviewResponseRow[] => [
  {
    start_time: day,
    end_time: day + DAY,
    pull_request_reviews: 2,
    comments: 5,
    replies: 1,
    reactions: 3,
    reaction_details: null,
    comment_response_details: null,
  },
];

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator({ users: 30, seed: 'sql-figures' });
});
afterAll(async () => {
  await sim.close();
});

describe.each(backends())('SQL figures equal the pure functions on $kind', (backend) => {
  let warehouse: Warehouse;
  let stored: WarehouseAnalytics;

  beforeEach(async () => {
    if (!backend.available) return;
    const clock = createManualClock(NOW);
    await backend.setUp();
    warehouse = await backend.open({ clock });
    stored = warehouseAnalyticsFor(sim, { warehouse, clock });
    expect(await stored.job.run({ onProgress: () => {} })).toMatchObject({ outcome: 'ok' });
    for (const day of [EDGE_DAY, EDGE_DAY + DAY]) {
      const days = { start: day, end: day + DAY };
      await warehouse.replaceUserUsage(days, edgeRows(day));
      await warehouse.replaceCodeReviews(days, edgeReviews(day));
      await warehouse.replaceCodeReviewResponses(days, edgeResponses(day));
    }
    const members = ['edge-1', 'edge-3', 'edge-4'];
    const [someone] = (await warehouse.userUsageRows({ start: TODAY - 7 * DAY, end: TODAY })).flatMap(
      (row) => (row.user_id === null ? [] : [row.user_id]),
    );
    if (someone !== undefined) members.push(someone);
    await warehouse.teams.replaceSnapshot({
      identities: [],
      teams: [{ id: 'T1', name: '@edge', origin: 'usergroup', seats: false }],
      memberships: members.map((codexUserId, i) => ({
        teamId: 'T1',
        memberKey: `U${i}`,
        slackUserId: `U${i}`,
        email: null,
        codexUserId,
        manager: null,
        costCentre: null,
      })),
    });
  });
  afterEach(async () => {
    if (!backend.available) return;
    await stored.close();
    await warehouse.close();
    await backend.tearDown();
  });

  /** Every usage answer of `windows` × buckets × surfaces × scopes, as differences from the pure side. */
  async function usageDifferences(scopes: readonly UsersScope[]): Promise<string[]> {
    const differences: string[] = [];
    const teamIds = new Set(['edge-1', 'edge-3', 'edge-4']);
    for (const [name, window] of Object.entries(windows)) {
      const all = await warehouse.userUsageRows(window);
      for (const users of scopes) {
        const members = new Set(
          (await warehouse.teams.memberships()).flatMap((m) =>
            m.codexUserId === null ? [] : [m.codexUserId],
          ),
        );
        const rows = users === null ? all : rowsOfUsers(all, members);
        if (users !== null) for (const id of teamIds) expect(members.has(id)).toBe(true);
        for (const bucket of buckets) {
          // Every surface for everyone; for the team, the filter's two kinds of path (clients, Other).
          for (const surface of users === null ? [null, ...surfaces] : ([null, 'cli', 'other'] as const)) {
            const now = NOW;
            // A team's series runs through the window's last day (held), whatever its last active day;
            // everyone's stops at the newest row: both rules held to the pure functions.
            const seriesThrough = users === null ? null : dayKey(window.end - DAY);
            const options = { window, bucket, surfaceOf, now, seriesThrough };
            const view = surface === null ? rows : rowsOnSurface(rows, surface, surfaceOf);
            const expected = {
              adoption: computeAdoption(view, options),
              usage: computeUsageBreakdown(view, options),
            };
            const actual = await warehouse.usageFigures({ ...options, surface, users });
            const label = `${name} ${bucket} ${surface} ${users === null ? 'all' : 'team'}`;
            differences.push(...figureDifferences(actual, expected).map((d) => `${label}: ${d}`));
          }
        }
      }
    }
    return differences;
  }

  it.skipIf(!backend.available)(
    'usage: every bucket, every surface filter, all users and one team',
    async () => {
      expect(await usageDifferences([null, { teamId: 'T1' }])).toEqual([]);
      // The edge day is really there, with what the cases need.
      const edge = await warehouse.usageFigures({
        window: { start: EDGE_DAY, end: EDGE_DAY + DAY },
        bucket: 'day',
        surface: null,
        surfaceOf,
        now: NOW,
      });
      expect(edge.adoption).toMatchObject({ activeUsers: 4, bySurface: { cli: 1, other: 2, ide: 0 } });
      expect(edge.usage.byModel.map((m) => m.model)).toContain('edge-model');
      expect(edge.usage.bySurface.other.tokens.total).toBe(10);
      expect(edge.usage.totals.cost.costUsd).toBe(0.5);
    },
    // A few hundred answers, each checked against the pure functions: minutes on a busy machine.
    180_000,
  );

  it.skipIf(!backend.available)('reviews: every bucket', async () => {
    for (const [name, window] of Object.entries(windows)) {
      const reviews = await warehouse.codeReviewRows(window);
      const responses = await warehouse.codeReviewResponseRows(window);
      for (const bucket of buckets) {
        const expected = computeReviewFigures(reviews, responses, { window, bucket, now: NOW });
        const actual = await warehouse.reviewFigures({ window, bucket, now: NOW });
        expect(figureDifferences(actual, expected), `${name} ${bucket}`).toEqual([]);
      }
    }
    const whole = await warehouse.reviewFigures({
      window: windows['edge day to today'] as TimeWindow,
      bucket: 'week',
      now: NOW,
    });
    expect(whole.otherReactions).not.toBeNull();
  });

  it.skipIf(!backend.available)('migration 5 fills models and reactions from the raw JSON', async () => {
    const window = windows['edge day to today'] as TimeWindow;
    const query = { window, bucket: 'week', surface: null, surfaceOf, now: NOW } as const;
    const before = {
      usage: await warehouse.usageFigures(query),
      cli: await warehouse.usageFigures({ ...query, surface: 'cli' }),
      reviews: await warehouse.reviewFigures(query),
    };
    expect(before.usage.usage.byModel.length).toBeGreaterThan(2);
    await stored.close();
    await warehouse.close();
    // Back to the schema before migration 5, with the rows a sync of that version wrote (its
    // usage_client_ids is gone since migration 9: migration 5 makes it again, read by nothing).
    await backend.execute([
      'DROP TABLE usage_user_model_daily',
      'ALTER TABLE code_review_response_daily DROP COLUMN other_reactions',
      'DELETE FROM warehouse_migrations WHERE version = 5',
    ]);
    warehouse = await backend.open({ clock: createManualClock(NOW) });
    stored = warehouseAnalyticsFor(sim, { warehouse, clock: createManualClock(NOW) });
    const after = {
      usage: await warehouse.usageFigures(query),
      cli: await warehouse.usageFigures({ ...query, surface: 'cli' }),
      reviews: await warehouse.reviewFigures(query),
    };
    expect(figureDifferences(after, before)).toEqual([]);
  });

  it.skipIf(!backend.available)(
    'a day synced again replaces its aggregates: figures follow the new rows, not the old',
    async () => {
      const days = { start: EDGE_DAY, end: EDGE_DAY + DAY };
      // Fewer users, and one with clients[] now without (wholly Other).
      const [first, second, ...rest] = edgeRows(EDGE_DAY);
      if (first === undefined || second === undefined) throw new Error('edge rows changed');
      await warehouse.replaceUserUsage(days, [{ ...second, clients: [] }, ...rest.slice(1)]);
      expect(await usageDifferences([null])).toEqual([]);
    },
  );

  it.skipIf(!backend.available)(
    'migrations 7 and 9 build the aggregates from the rows already stored, and 9 drops usage_client_ids',
    async () => {
      const window = windows['edge day to today'] as TimeWindow;
      const query = { window, bucket: 'week', surface: null, surfaceOf, now: NOW } as const;
      const ranking = () =>
        warehouse.userFigures.userTotals(window, { surface: null, surfaceOf, streakEnd: TODAY - DAY });
      const figures = async () => ({
        usage: await warehouse.usageFigures(query),
        cli: await warehouse.usageFigures({ ...query, surface: 'cli' }),
        days: await warehouse.usageFigures({ ...query, bucket: 'day' }),
        months: await warehouse.usageFigures({ ...query, bucket: 'month' }),
        month: await warehouse.usageFigures({
          ...query,
          window: windows["the edge day's month"] as TimeWindow,
        }),
        ranking: (await ranking()).sort((a, b) => a.userId.localeCompare(b.userId)),
      });
      const before = await figures();
      expect(before.ranking.length).toBeGreaterThan(3);
      expect(before.month.adoption.activeUsers).toBeGreaterThan(3);
      await stored.close();
      await warehouse.close();
      // Back to the schema before migration 7, with the rows a sync of that version wrote.
      await backend.execute([
        ...usageAggregateTableNames.map((table) => `DROP TABLE ${table}`),
        'CREATE TABLE usage_client_ids (client_id TEXT NOT NULL PRIMARY KEY)',
        'DELETE FROM warehouse_migrations WHERE version IN (7, 9)',
      ]);
      warehouse = await backend.open({ clock: createManualClock(NOW) });
      stored = warehouseAnalyticsFor(sim, { warehouse, clock: createManualClock(NOW) });
      expect(figureDifferences(await figures(), before)).toEqual([]);
      await stored.close();
      await warehouse.close();
      expect(await backend.columns('usage_client_ids')).toEqual([]);
      warehouse = await backend.open({ clock: createManualClock(NOW) });
      stored = warehouseAnalyticsFor(sim, { warehouse, clock: createManualClock(NOW) });
    },
  );
});
