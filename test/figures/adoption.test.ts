import { describe, expect, it } from 'vitest';
import { createSurfaceMapper } from '../../src/codex/surface-mapper.js';
import { computeAdoption } from '../../src/figures/adoption.js';
import { active, at, sec, usageRow } from './fixture-rows.js';

const surfaceOf = createSurfaceMapper();
const now = at('2026-03-11T10:00:00');
const week = { start: sec('2026-03-02'), end: sec('2026-03-09') };
const zeroSurfaces = { cli: 0, ide: 0, cloud: 0, desktop: 0, code_review: 0, other: 0 };

const rows = [
  active('alice', '2026-03-02'),
  active('alice', '2026-03-03'),
  usageRow({
    user: 'alice',
    day: '2026-03-04',
    clients: [
      { client: 'CODEX_CLI', threads: 1, credits: 2 },
      { client: 'CODEX_IDE_VSCODE', turns: 3 },
    ],
  }),
  active('bob', '2026-03-03', 'CODEX_DESKTOP_APP'),
  // A row with nothing above zero is not activity.
  usageRow({ user: 'bob', day: '2026-03-04', clients: [{ client: 'CODEX_CLI' }] }),
  // No clients[] at all: the activity counts under Other.
  usageRow({ user: 'carol', day: '2026-03-04', totals: { credits: 5 } }),
  // Turns alone make a user active.
  usageRow({ user: 'dave', day: '2026-03-03', clients: [{ client: 'CODEX_CLI', turns: 3 }] }),
  active('dave', '2026-03-06'),
  // Outside the window (previous week, running week) and a workspace row: all ignored.
  active('erin', '2026-03-01'),
  active('erin', '2026-03-09'),
  usageRow({ user: null, day: '2026-03-02', totals: { threads: 99, credits: 999 } }),
];

describe('computeAdoption', () => {
  const figures = computeAdoption(rows, { window: week, bucket: 'day', surfaceOf, now });

  it('counts distinct users over the window, once overall and once per surface', () => {
    // alice (3 days, CLI + IDE), bob (desktop), carol (other), dave (CLI, 2 days): 4, not 8 user-days.
    expect(figures.activeUsers).toBe(4);
    expect(figures.bySurface).toEqual({ ...zeroSurfaces, cli: 2, ide: 1, desktop: 1, other: 1 });
    expect(figures.window).toEqual(week);
    expect(figures.bucket).toBe('day');
  });

  it('counts distinct users per day, with zero days inside the data and none invented after it', () => {
    const byDay = figures.series.map((p) => [p.start, p.activeUsers]);
    expect(byDay).toEqual([
      [sec('2026-03-02'), 1],
      [sec('2026-03-03'), 3],
      [sec('2026-03-04'), 2],
      [sec('2026-03-05'), 0],
      [sec('2026-03-06'), 1],
    ]);
    expect(figures.series[1]?.bySurface).toEqual({ ...zeroSurfaces, cli: 2, desktop: 1 });
    expect(figures.series[2]?.bySurface).toEqual({ ...zeroSurfaces, cli: 1, ide: 1, other: 1 });
    expect(figures.series[3]?.bySurface).toEqual(zeroSurfaces);
    expect(figures.series[4]?.end).toBe(sec('2026-03-07'));
  });

  it('flags points that may still change', () => {
    // now − 5 days = 03-06 10:00: only the 03-06 point ends after it.
    expect(figures.series.map((p) => p.provisional)).toEqual([false, false, false, false, true]);
  });

  it('groups daily rows into Monday weeks without summing users across days', () => {
    const twoWeeks = { start: sec('2026-02-23'), end: sec('2026-03-09') };
    const weekly = computeAdoption(
      [
        active('alice', '2026-02-24'),
        active('alice', '2026-02-25'),
        active('alice', '2026-03-03'),
        active('bob', '2026-03-04', 'CODEX_WEB'),
        active('bob', '2026-03-08', 'CODEX_WEB'),
      ],
      { window: twoWeeks, bucket: 'week', surfaceOf, now },
    );
    expect(weekly.series.map((p) => [p.start, p.end, p.activeUsers])).toEqual([
      [sec('2026-02-23'), sec('2026-03-02'), 1],
      [sec('2026-03-02'), sec('2026-03-09'), 2],
    ]);
    expect(weekly.series[1]?.bySurface).toEqual({ ...zeroSurfaces, cli: 1, cloud: 1 });
    expect(weekly.activeUsers).toBe(2);
  });

  it('counts distinct users per calendar month and quarter, never summing months', () => {
    const rowsOverMonths = [
      active('alice', '2026-10-05'),
      active('alice', '2026-10-20'),
      active('alice', '2026-11-02'),
      active('bob', '2026-11-30'),
      active('bob', '2026-12-01'),
      active('carol', '2026-12-31'),
      active('carol', '2027-01-01'),
    ];
    const late = at('2027-03-01T00:00:00');
    const window = { start: sec('2026-10-01'), end: sec('2027-02-01') };
    const monthly = computeAdoption(rowsOverMonths, { window, bucket: 'month', surfaceOf, now: late });
    expect(monthly.series.map((p) => [p.start, p.end, p.activeUsers])).toEqual([
      [sec('2026-10-01'), sec('2026-11-01'), 1],
      [sec('2026-11-01'), sec('2026-12-01'), 2],
      [sec('2026-12-01'), sec('2027-01-01'), 2],
      [sec('2027-01-01'), sec('2027-02-01'), 1],
    ]);
    const quarterly = computeAdoption(rowsOverMonths, { window, bucket: 'quarter', surfaceOf, now: late });
    // Q4: alice, bob, carol = 3 distinct (the months above sum to 5).
    expect(quarterly.series.map((p) => [p.start, p.end, p.activeUsers])).toEqual([
      [sec('2026-10-01'), sec('2027-01-01'), 3],
      [sec('2027-01-01'), sec('2027-02-01'), 1],
    ]);
    expect(quarterly.activeUsers).toBe(3);
  });

  it('is empty without per-user rows', () => {
    const empty = computeAdoption([usageRow({ user: null, day: '2026-03-02', totals: { credits: 3 } })], {
      window: week,
      bucket: 'day',
      surfaceOf,
      now,
    });
    expect(empty.activeUsers).toBe(0);
    expect(empty.bySurface).toEqual(zeroSurfaces);
    expect(empty.series).toEqual([]);
  });
});
