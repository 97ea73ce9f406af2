/**
 * Monthly and quarterly digests (issue 11 §3) through the real API-backed analytics and the simulator.
 * The simulator serves 90 days back like the API, so history starts Wed 26 Aug 2026 at NOW: the year
 * earlier is never held here, and a quarter reaches before history. The full-history comparison (a
 * warehouse holding last year) is the warehouse integration's test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLeadershipDigest } from '../../reports/digest/leadership-digest.js';
import { buildWeeklyDigest } from '../../reports/digest/weekly-digest.js';
import { checkLimits } from '../../reports/limits/check-limits.js';
import type { RunningSimulator } from '../../src/dev/simulator/start-simulator.js';
import { computePeriodDigestFigures } from '../../src/digests/period-digest-figures.js';
import { analyticsFor, NOW, startTestSimulator } from '../analytics/analytics-harness.js';

const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
const october = { start: utc('2026-10-01'), end: utc('2026-11-01') };
const september = { start: utc('2026-09-01'), end: utc('2026-10-01') };

describe('monthly and quarterly digest figures', () => {
  let sim: RunningSimulator;
  let wiring: ReturnType<typeof analyticsFor>;
  beforeAll(async () => {
    sim = await startTestSimulator({ users: 40 });
    wiring = analyticsFor(sim);
  });
  afterAll(async () => {
    await wiring.client.close();
    await sim.close();
  });

  it('monthly: the last closed month against the one before, distinct users from the analytics', async () => {
    const { analytics } = wiring;
    const figures = await computePeriodDigestFigures(analytics, NOW, 'month', { topN: 5 });
    expect(figures.week).toEqual(october);
    expect(figures.previousWeek).toEqual(september);
    expect(figures.ranking.window).toEqual(october);
    const oct = await analytics.usage(october, { bucket: 'month', surface: null });
    const sep = await analytics.usage(september, { bucket: 'month', surface: null });
    expect(oct.adoption.activeUsers).toBeGreaterThan(0);
    expect(figures.deltas.activeUsers).toMatchObject({
      current: oct.adoption.activeUsers,
      previous: sep.adoption.activeUsers,
    });
    expect(figures.deltas.credits.current).toBeCloseTo(oct.usage.totals.credits, 6);
    // The weekly chart series counts people per week; the month's figure is distinct over the month.
    const weeklySum = figures.adoption.series.reduce((sum, p) => sum + p.activeUsers, 0);
    expect(figures.adoption.activeUsers).toBeLessThan(weeklySum);
    expect(figures.period).toMatchObject({
      period: 'month',
      whole: october,
      previousHeld: true,
      historyStart: utc('2026-08-26'),
      yearEarlier: { window: { start: utc('2025-10-01'), end: utc('2025-11-01') }, deltas: null },
    });
  });

  it('the leadership digest says "October 2026 against September" and where history starts', async () => {
    const figures = await computePeriodDigestFigures(wiring.analytics, NOW, 'month', { topN: 5 });
    const { parent, replies } = buildLeadershipDigest(figures);
    expect(parent.text).toContain('Codex leadership digest · October 2026: Active users');
    expect(parent.text).toContain('month over month');
    expect(parent.text).toContain('*October 2026 against September*');
    expect(parent.text).toContain(
      'No October 2025 figures to compare with yet: history starts Wed 26 Aug 2026.',
    );
    expect(JSON.stringify(parent.blocks[0])).toContain('Codex leadership digest · October 2026');
    const all = JSON.stringify([parent, ...replies]);
    expect(all).toContain('Month over month compares October 2026 with September 2026');
    expect(all).not.toContain('week over week');
    for (const message of [parent, ...replies]) expect(checkLimits(message)).toEqual([]);
    expect(buildWeeklyDigest(figures, { topN: 5 }).parent.text).toContain('October 2026');
  });

  it('quarterly: a quarter that begins before history is cut to it, with nothing made up to compare', async () => {
    const figures = await computePeriodDigestFigures(wiring.analytics, NOW, 'quarter', { topN: 5 });
    expect(figures.week).toEqual({ start: utc('2026-08-26'), end: utc('2026-10-01') });
    expect(figures.period?.whole).toEqual({ start: utc('2026-07-01'), end: utc('2026-10-01') });
    expect(figures.period?.previousHeld).toBe(false);
    expect(figures.deltas.activeUsers.previous).toBeNull();
    expect(figures.deltas.activeUsers.current).toBeGreaterThan(0);
    const { parent } = buildLeadershipDigest(figures);
    expect(parent.text).toContain('Codex leadership digest · Q3 2026');
    expect(parent.text).toContain('(no earlier quarter to compare)');
    expect(parent.text).toContain('*Q3 2026 against Q2*');
    expect(parent.text).toContain(
      'History starts Wed 26 Aug 2026: the Q3 2026 figures cover Wed 26 Aug – Wed 30 Sep only.',
    );
    expect(parent.text).toContain('No Q2 2026 figures to compare with: history starts Wed 26 Aug 2026.');
    expect(parent.text).toContain('No Q3 2025 figures to compare with yet');
  });
});
