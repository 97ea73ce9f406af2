/**
 * Issue 11, parts 2 and 5: every report computed from the warehouse equals the same report computed
 * from the API, on the same simulator at the same instant — usage (every bucket, every surface), every
 * ranking, reviews, personal, the digest and the three exports — on both engines. The
 * API side runs the pure figure functions (whose hand-computed fixtures live in test/figures); the
 * warehouse side answers usage, reviews and the digest with SQL aggregates (src/warehouse/
 * warehouse-usage-figures.ts, warehouse-review-figures.ts) and the rest with the same pure functions, so
 * this holds both the warehouse's rows and its queries to the API's figures. Sums
 * may differ in their last bits only (test/helpers/same-figures.ts: rows read in another order).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExportTable, WorkspaceAnalytics } from '../../src/analytics/workspace-analytics.js';
import { createManualClock } from '../../src/clock.js';
import { earliestStartSeconds } from '../../src/codex/validate-window.js';
import type { RunningSimulator } from '../../src/dev/simulator/start-simulator.js';
import { surfaces } from '../../src/domain/surfaces.js';
import { lastClosedWeek, type TimeWindow } from '../../src/domain/utc-days.js';
import type { Freshness, RankKey } from '../../src/figures/figure-types.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { figureDifferences } from '../helpers/same-figures.js';
import { backends } from '../warehouse/warehouse-backends.js';
import { analyticsFor, DAY, NOW, startTestSimulator, TODAY } from './analytics-harness.js';
import { type WarehouseAnalytics, warehouseAnalyticsFor } from './warehouse-analytics-harness.js';

const windows: Record<string, TimeWindow> = {
  'last 7 days': { start: TODAY - 7 * DAY, end: TODAY },
  'last 28 days, today included': { start: TODAY - 27 * DAY, end: TODAY + DAY },
  'the whole lookback': { start: earliestStartSeconds(NOW), end: TODAY + DAY },
  'last closed week': lastClosedWeek(NOW),
};
const rankKeys: RankKey[] = ['credits', 'threads', 'turns', 'tokens', 'streak'];
/** Hundreds of answers on both sides: beyond the default 30 s on a busy 2-core machine. */
const LONG_TEST_MS = 180_000;

/** The footer's warehouse note is the one intended difference: it says where the rows came from. */
function withoutStored<T extends { freshness: Freshness }>(view: T): T {
  const { stored: _stored, ...freshness } = view.freshness;
  return { ...view, freshness };
}

function sortedRows(table: ExportTable): ExportTable {
  return {
    ...table,
    rows: [...table.rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  };
}

let sim: RunningSimulator;
let api: ReturnType<typeof analyticsFor>;
beforeAll(async () => {
  sim = await startTestSimulator({ users: 40, seed: 'cross-check' });
  api = analyticsFor(sim);
});
afterAll(async () => {
  await api.client.close();
  await sim.close();
});

describe.each(backends())('warehouse answers equal API answers on $kind', (backend) => {
  let warehouse: Warehouse;
  let stored: WarehouseAnalytics;
  let fromStore: WorkspaceAnalytics;
  let fromApi: WorkspaceAnalytics;

  beforeEach(async () => {
    if (!backend.available) return;
    const clock = createManualClock(NOW);
    await backend.setUp();
    warehouse = await backend.open({ clock });
    stored = warehouseAnalyticsFor(sim, { warehouse, clock });
    fromStore = stored.analytics;
    fromApi = api.analytics;
    expect(await stored.job.run({ onProgress: () => {} })).toMatchObject({ outcome: 'ok' });
  });
  afterEach(async () => {
    if (!backend.available) return;
    await stored.close();
    await warehouse.close();
    await backend.tearDown();
  });

  it.skipIf(!backend.available)(
    'usage, rankings and reviews, every window, bucket and surface',
    async () => {
      let storedRequests = 0;
      for (const [name, window] of Object.entries(windows)) {
        for (const bucket of ['day', 'week'] as const) {
          for (const surface of [null, ...surfaces]) {
            const options = { bucket, surface };
            const mark = sim.stats().requests;
            const mine = await fromStore.usage(window, options);
            storedRequests += sim.stats().requests - mark;
            expect(
              figureDifferences(withoutStored(mine), withoutStored(await fromApi.usage(window, options))),
              `${name} ${bucket} ${surface}`,
            ).toEqual([]);
            expect(mine.freshness.stored).toMatch(/^synced just now · data through /);
          }
          const mark = sim.stats().requests;
          const mine = await fromStore.reviews(window, { bucket });
          storedRequests += sim.stats().requests - mark;
          expect(withoutStored(mine), `${name} reviews ${bucket}`).toEqual(
            withoutStored(await fromApi.reviews(window, { bucket })),
          );
        }
        // Calendar buckets too (test/analytics/warehouse-sql-figures.test.ts checks every surface of them).
        for (const bucket of ['month', 'quarter'] as const) {
          for (const surface of [null, 'cli', 'other'] as const) {
            const options = { bucket, surface };
            const mark = sim.stats().requests;
            const mine = await fromStore.usage(window, options);
            storedRequests += sim.stats().requests - mark;
            expect(
              figureDifferences(withoutStored(mine), withoutStored(await fromApi.usage(window, options))),
              `${name} ${bucket} ${surface}`,
            ).toEqual([]);
          }
          expect(
            withoutStored(await fromStore.reviews(window, { bucket })),
            `${name} reviews ${bucket}`,
          ).toEqual(withoutStored(await fromApi.reviews(window, { bucket })));
        }
        for (const sortBy of rankKeys) {
          for (const surface of [null, ...surfaces]) {
            const options = { sortBy, surface, topN: 10 };
            const mark = sim.stats().requests;
            const mine = await fromStore.ranking(window, options);
            storedRequests += sim.stats().requests - mark;
            expect(
              figureDifferences(withoutStored(mine), withoutStored(await fromApi.ranking(window, options))),
              `${name} top by ${sortBy} ${surface}`,
            ).toEqual([]);
          }
        }
      }
      // The warehouse side never asked the API.
      expect(storedRequests).toBe(0);
    },
    LONG_TEST_MS,
  );

  it.skipIf(!backend.available)('personal, the digest and every export', async () => {
    const mark = sim.stats().requests;
    const window = windows['last 28 days, today included'] as TimeWindow;
    const ranking = await fromStore.ranking(window, { sortBy: 'credits', surface: null, topN: 1000 });
    const emails = ranking.ranking.users.flatMap((user) => (user.email === null ? [] : [user.email]));
    expect(emails.length).toBeGreaterThan(2);
    const checked = [emails[0], emails[2], emails.at(-1), 'nobody@example.com'];

    const mine = {
      personal: await Promise.all(checked.map((email) => fromStore.personal(window, String(email)))),
      digest: await fromStore.digest(NOW, { topN: 5 }),
      exports: await Promise.all(
        (['usage', 'users', 'reviews'] as const).map((kind) => fromStore.exportTable(kind, window)),
      ),
    };
    expect(sim.stats().requests - mark).toBe(0);

    const theirs = {
      personal: await Promise.all(checked.map((email) => fromApi.personal(window, String(email)))),
      digest: await fromApi.digest(NOW, { topN: 5 }),
      exports: await Promise.all(
        (['usage', 'users', 'reviews'] as const).map((kind) => fromApi.exportTable(kind, window)),
      ),
    };
    expect(
      figureDifferences(
        mine.personal.map((view) => view && withoutStored(view)),
        theirs.personal,
      ),
    ).toEqual([]);
    expect(mine.personal[0]).not.toBeNull();
    expect(figureDifferences(withoutStored(mine.digest), theirs.digest)).toEqual([]);
    // Per-user export rows come in the order they were read: the API's pages, or (day, user) from the store.
    expect(figureDifferences(mine.exports.map(sortedRows), theirs.exports.map(sortedRows))).toEqual([]);
    expect(mine.exports[1]?.rows.length).toBeGreaterThan(0);
  });
});
