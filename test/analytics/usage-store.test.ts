import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsageStore, type UsageStore } from '../../src/analytics/usage-store.js';
import type { UsageRow } from '../../src/codex/schemas.js';
import type { RunningSimulator } from '../../src/dev/simulator/start-simulator.js';
import { computeAdoption } from '../../src/figures/adoption.js';
import { computeDigestFigures } from '../../src/figures/digest-figures.js';
import { computeUsageBreakdown } from '../../src/figures/usage-breakdown.js';
import { rankUsers } from '../../src/figures/user-ranking.js';
import { usageRow } from '../figures/fixture-rows.js';
import {
  analyticsFor,
  DAY,
  NOW,
  plainUsageRows,
  startTestSimulator,
  surfaceOf,
  TODAY,
} from './analytics-harness.js';

/** What the store keeps of a row: everything but code_attribution (read back null); costs are kept (issue 9). */
function kept(row: UsageRow): UsageRow {
  return { ...row, code_attribution: null };
}

function storeOf(rows: readonly UsageRow[]): UsageStore {
  const store = createUsageStore();
  for (const row of rows) store.append(row);
  return store;
}

describe('usage store', () => {
  const odd: UsageRow[] = [
    usageRow({
      user: 'u-1',
      day: '2026-11-02',
      email: 'Ann@Example.com',
      legacyEmail: 'ann@old.example.com',
      clients: [
        { client: 'CODEX_CLI', threads: 2, turns: 9, credits: 12.34, tokens: 5_000_000_000, uncached: 1 },
        { client: 'CODEX_BRAND_NEW_CLIENT', threads: 1, turns: 1, credits: 0.001, tokens: null },
      ],
      models: [
        { model: 'gpt-9', speed: null, credits: 1e-7 },
        { model: 'gpt-5.4', speed: 'warp', credits: -3 },
      ],
      totals: { threads: 3, turns: 10, credits: 12.341, tokens: null, cached: 0 },
    }),
    usageRow({ user: 'u-2', day: '2026-11-02', clients: [] }),
    usageRow({ user: null, day: '2026-11-03', totals: { credits: 2 ** 40, threads: 1.5 } }),
    usageRow({
      user: 'u-1',
      day: '2026-11-03',
      email: null,
      clients: [{ client: 'CODEX_WEB', credits: 182.57 }],
    }),
  ];
  const withActorNull: UsageRow = { ...usageRow({ user: 'u-3', day: '2026-11-04' }), actor: null };
  const withZero: UsageRow = usageRow({ user: 'u-4', day: '2026-11-04', totals: { credits: -0, tokens: 0 } });
  const rows = [...odd, withActorNull, withZero];

  it('round-trips rows exactly: null tokens stay null, unknown ids and models kept, emails as given', () => {
    const store = storeOf(rows);
    expect(store.size).toBe(rows.length);
    for (const [i, row] of rows.entries()) expect(store.rowAt(i)).toEqual(kept(row));
    expect(Array.from(store, (view) => view.totals.text_total_tokens)).toEqual(
      rows.map((r) => r.totals.text_total_tokens),
    );
    expect(Object.is(store.rowAt(5).totals.credits, -0)).toBe(true);
    expect(store.rowAt(0).clients[1]?.client_id).toBe('CODEX_BRAND_NEW_CLIENT');
    expect(store.rowAt(0).actor?.email).toBe('Ann@Example.com');
    expect(store.rowAt(0).email).toBe('ann@old.example.com');
  });

  it('yields one view per iteration, and nested iterations do not disturb each other', () => {
    const store = storeOf(rows);
    const pairs: string[] = [];
    for (const outer of store) {
      for (const inner of store)
        if (inner.user_id === outer.user_id) pairs.push(`${outer.start_time}:${inner.start_time}`);
    }
    // u-1's two rows pair four ways; every other row (the workspace row too: null === null) pairs once.
    expect(pairs).toHaveLength(8);
    const [first, second] = store;
    expect(first).toBe(second);
  });

  describe('on a simulator sample', () => {
    let sim: RunningSimulator;
    let plain: UsageRow[];
    let store: UsageStore;
    const window = { start: TODAY - 60 * DAY, end: TODAY + DAY };

    beforeAll(async () => {
      sim = await startTestSimulator({ users: 60 });
      const { client } = analyticsFor(sim);
      plain = await plainUsageRows(client, window);
      store = storeOf(plain);
      await client.close();
    });
    afterAll(() => sim.close());

    it('keeps every row exactly, in a few hundred bytes a row', () => {
      expect(store.size).toBe(plain.length);
      for (const [i, row] of plain.entries()) expect(store.rowAt(i)).toEqual(kept(row));
      // A few thousand rows still carry chunk slack and per-user strings; bench/digest.ts measures the
      // full-scale figure (~145 bytes a row at 464k rows).
      expect(store.byteLength / store.size).toBeLessThan(256);
    });

    it('gives the same figures as the plain rows', () => {
      for (const bucket of ['day', 'week'] as const) {
        const options = { window, bucket, surfaceOf, now: NOW };
        expect(computeAdoption(store, options)).toEqual(computeAdoption(plain, options));
        expect(computeUsageBreakdown(store, options)).toEqual(computeUsageBreakdown(plain, options));
      }
      for (const surface of [null, 'cli', 'ide', 'other'] as const) {
        const options = { window, sortBy: 'streak', surface, topN: 25, surfaceOf, now: NOW } as const;
        expect(rankUsers(store, options)).toEqual(rankUsers(plain, options));
      }
      const digest = { reviewRows: [], responseRows: [], now: NOW, surfaceOf, topN: 10 };
      expect(computeDigestFigures({ ...digest, usageRows: store })).toEqual(
        computeDigestFigures({ ...digest, usageRows: plain }),
      );
    });
  });
});
