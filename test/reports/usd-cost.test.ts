/**
 * Issue 9: USD-billed usage arrives as `credits: null` with a `cost_usd`. It read as 0 credits and the
 * USD was dropped. Costs now survive parsing, the store and aggregation, and reports show them as an
 * estimate next to the credits.
 */
import { describe, expect, it } from 'vitest';
import { buildUsageReport } from '../../reports/usage/usage-report.js';
import { usageRowSchema } from '../../src/codex/schemas.js';
import { createSurfaceMapper } from '../../src/codex/surface-mapper.js';
import { computeAdoption } from '../../src/figures/adoption.js';
import { computeUsageBreakdown } from '../../src/figures/usage-breakdown.js';
import { at, DAY, sec } from '../figures/fixture-rows.js';
import { freshness } from './figure-fixtures.js';
import { visibleText } from './report-assertions.js';

const surfaceOf = createSurfaceMapper();
const options = {
  window: { start: sec('2026-03-02'), end: sec('2026-03-09') },
  bucket: 'day',
  surfaceOf,
  now: at('2026-03-11T10:00:00'),
} as const;
const start = sec('2026-03-03');
const usdBilled = usageRowSchema.parse({
  start_time: start,
  end_time: start + DAY,
  actor: { type: 'ACCOUNT_USER', user_id: 'u-usd', email: null },
  totals: { threads: 2, turns: 5, credits: null, cost_usd: 1200.5, estimated_cost_usd: null },
  clients: [{ client_id: 'CODEX_CLI', threads: 2, turns: 5, credits: null, cost_usd: 1200.5 }],
  models: [{ model: 'gpt-5.4', speed: 'standard', credits: null, cost_usd: 1200.5 }],
});
const creditBilled = usageRowSchema.parse({
  start_time: start,
  end_time: start + DAY,
  user_id: 'u-cr',
  totals: { threads: 1, turns: 3, credits: 182.5, cost_usd: null, estimated_cost_usd: 7.3 },
  clients: [{ client_id: 'CODEX_CLI', threads: 1, turns: 3, credits: 182.5, estimated_cost_usd: 7.3 }],
});

describe('USD-billed usage', () => {
  it('keeps cost_usd and estimated_cost_usd through the breakdown, credits as they are', () => {
    const store = [usdBilled, creditBilled];
    expect(store[0]?.totals).toMatchObject({ credits: 0, cost_usd: 1200.5, estimated_cost_usd: null });
    const usage = computeUsageBreakdown(store, options);
    expect(usage.totals.credits).toBe(182.5);
    expect(usage.totals.cost).toEqual({ costUsd: 1200.5, estimatedCostUsd: 7.3, usd: 1207.8 });
    expect(usage.bySurface.cli.cost.usd).toBeCloseTo(1207.8, 9);
    expect(usage.byModel[0]?.figures.cost.costUsd).toBe(1200.5);
    const adoption = computeAdoption(store, options);
    expect(adoption.activeUsers).toBe(2);

    const text = visibleText(buildUsageReport({ adoption, usage }, { freshness: freshness() }));
    expect(text).toContain('182.5 credits');
    expect(text).toContain('≈ $1,208 est.');
  });
});

describe('USD in exports', () => {
  it('exports cost_usd and estimated_cost_usd per user and per day', async () => {
    const { usageTable, usersTable } = await import('../../src/analytics/export-table.js');
    const users = usersTable([usdBilled, creditBilled]);
    const col = (name: string) => users.columns.indexOf(name);
    expect(
      users.rows.map((r) => [r[col('credits')], r[col('cost_usd')], r[col('estimated_cost_usd')]]),
    ).toEqual([
      [0, 1200.5, null],
      [182.5, null, 7.3],
    ]);
    const usage = usageTable([usdBilled, creditBilled], options.window, surfaceOf, options.now);
    const day = usage.rows.find((r) => r[0] === '2026-03-03');
    expect(day?.[usage.columns.indexOf('cost_usd')]).toBe(1200.5);
    expect(day?.[usage.columns.indexOf('estimated_cost_usd')]).toBe(7.3);
  });
});
