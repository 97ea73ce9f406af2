import { describe, expect, it } from 'vitest';
import { createSurfaceMapper } from '../../src/codex/surface-mapper.js';
import type { UsageFigures } from '../../src/figures/figure-types.js';
import { computeUsageBreakdown } from '../../src/figures/usage-breakdown.js';
import { at, sec, usageRow } from './fixture-rows.js';

const surfaceOf = createSurfaceMapper();
const now = at('2026-03-11T10:00:00');
const week = { start: sec('2026-03-02'), end: sec('2026-03-09') };
const options = { window: week, bucket: 'day', surfaceOf, now } as const;

function usage(
  threads: number,
  turns: number,
  credits: number,
  total: number | null,
  extra = {},
): UsageFigures {
  return {
    threads,
    turns,
    credits,
    tokens: { uncachedInput: null, cachedInput: null, output: null, total, ...extra },
    cost: { costUsd: null, estimatedCostUsd: null, usd: null },
  };
}

const rows = [
  usageRow({
    user: 'alice',
    day: '2026-03-02',
    clients: [
      { client: 'CODEX_CLI', threads: 2, turns: 10, credits: 10.5, tokens: 1000, uncached: 700, output: 300 },
      { client: 'CODEX_IDE_VSCODE', threads: 1, turns: 4, credits: 4.5, tokens: null },
    ],
    totals: { threads: 3, turns: 14, credits: 15, tokens: 1000, uncached: 700, output: 300 },
    models: [
      { model: 'gpt-5.4', speed: 'standard', credits: 12, tokens: 800 },
      { model: 'gpt-5.4', speed: 'fast', credits: 3 },
    ],
  }),
  usageRow({
    user: 'bob',
    day: '2026-03-03',
    clients: [{ client: 'CODEX_DESKTOP_APP', threads: 1, turns: 1, credits: 2 }],
    models: [{ model: 'gpt-5.4', speed: 'standard', credits: 2 }],
  }),
  // No clients[]: attributed to Other.
  usageRow({ user: 'carol', day: '2026-03-03', totals: { threads: 1, turns: 2, credits: 3, tokens: 50 } }),
  // A workspace row describes the same usage again: ignored when per-user rows exist.
  usageRow({ user: null, day: '2026-03-03', totals: { threads: 99, credits: 999, tokens: 7 } }),
  // The running week is outside the window.
  usageRow({ user: 'alice', day: '2026-03-09', totals: { credits: 100 } }),
];

describe('computeUsageBreakdown', () => {
  const figures = computeUsageBreakdown(rows, options);

  it('sums totals from row.totals; known tokens are summed and unknown ones stay unknown', () => {
    // tokens: 1000 (alice) + unknown (bob) + 50 (carol) = 1050; uncached only alice knew.
    expect(figures.totals).toEqual(usage(5, 17, 20, 1050, { uncachedInput: 700, output: 300 }));
  });

  it('splits by surface from clients[], null tokens where no client reported any', () => {
    expect(figures.bySurface).toEqual({
      cli: usage(2, 10, 10.5, 1000, { uncachedInput: 700, output: 300 }),
      ide: usage(1, 4, 4.5, null),
      cloud: usage(0, 0, 0, null),
      desktop: usage(1, 1, 2, null),
      code_review: usage(0, 0, 0, null),
      other: usage(1, 2, 3, 50),
    });
  });

  it('splits by model and speed, most credits first', () => {
    expect(figures.byModel).toEqual([
      { model: 'gpt-5.4', speed: 'standard', figures: usage(0, 0, 14, 800) },
      { model: 'gpt-5.4', speed: 'fast', figures: usage(0, 0, 3, null) },
    ]);
  });

  it('has one point per day up to the newest data, not beyond', () => {
    expect(figures.series.map((p) => [p.start, p.end, p.provisional])).toEqual([
      [sec('2026-03-02'), sec('2026-03-03'), false],
      [sec('2026-03-03'), sec('2026-03-04'), false],
    ]);
    expect(figures.series[1]?.totals).toEqual(usage(2, 3, 5, 50));
    expect(figures.series[1]?.bySurface.desktop).toEqual(usage(1, 1, 2, null));
  });

  it('runs one person’s series through the day the source holds, idle days as zeros (their chart stopped at their last active day)', () => {
    const alone = computeUsageBreakdown(
      rows.filter((row) => row.user_id === 'bob'),
      { ...options, seriesThrough: '2026-03-06' },
    );
    expect(alone.series.map((p) => [p.start, p.totals.credits])).toEqual([
      [sec('2026-03-02'), 0],
      [sec('2026-03-03'), 2],
      [sec('2026-03-04'), 0],
      [sec('2026-03-05'), 0],
      [sec('2026-03-06'), 0],
    ]);
    // Held past the window's end: every bucket of the window; never a bucket past it.
    const through = computeUsageBreakdown([], { ...options, seriesThrough: '2026-03-10' });
    expect(through.series).toHaveLength(7);
  });

  it('uses workspace rows when they are all there is, with zero days between data', () => {
    const workspace = computeUsageBreakdown(
      [
        usageRow({ user: null, day: '2026-03-02', totals: { threads: 2, credits: 7, tokens: null } }),
        usageRow({ user: null, day: '2026-03-04', totals: { threads: 1, credits: 3, tokens: 40 } }),
      ],
      options,
    );
    expect(workspace.totals).toEqual(usage(3, 0, 10, 40));
    expect(workspace.bySurface.other).toEqual(usage(3, 0, 10, 40));
    expect(workspace.series.map((p) => p.totals)).toEqual([
      usage(2, 0, 7, null),
      usage(0, 0, 0, null),
      usage(1, 0, 3, 40),
    ]);
  });

  it('buckets by Monday week', () => {
    const twoWeeks = computeUsageBreakdown(rows, {
      ...options,
      bucket: 'week',
      window: { start: sec('2026-02-23'), end: sec('2026-03-16') },
    });
    // Weeks of 02-23 (no rows: zero), 03-02 (all the fixture's week), 03-09 (alice's 100 credits).
    expect(twoWeeks.series.map((p) => p.totals.credits)).toEqual([0, 20, 100]);
    expect(twoWeeks.series[2]?.provisional).toBe(true);
  });
});
