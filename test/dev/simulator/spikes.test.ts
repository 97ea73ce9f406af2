/**
 * Injected spikes and drops (issue 13: the anomaly rule needs something to find): the day's usage is
 * scaled, every other day stays byte for byte what it was.
 */
import { describe, expect, it } from 'vitest';
import { spikeFlags } from '../../../src/dev/cli/simulate.js';
import { UsageError } from '../../../src/errors.js';
import { allRows, DAY, startTestSimulator, TODAY } from './sim-harness.js';

const params = { group: 'workspace', start_time: TODAY - 10 * DAY, end_time: TODAY - DAY };
const SPIKE = TODAY - 6 * DAY; // Wed 18 Nov
const DROP = TODAY - 4 * DAY; // Fri 20 Nov

function byDay(rows: Record<string, unknown>[]) {
  return new Map(rows.map((row) => [row.start_time as number, row]));
}

function totals(row: Record<string, unknown> | undefined) {
  return (row?.totals ?? {}) as { credits: number; threads: number };
}

describe('simulator spikes and drops', () => {
  it('scales the injected days and leaves every other day as it was', async () => {
    const plain = await startTestSimulator({ users: 150, seed: 'spikes' });
    const spiked = await startTestSimulator({
      users: 150,
      seed: 'spikes',
      dayFactors: [
        { day: '2026-11-18', factor: 5 },
        { day: '2026-11-20', factor: 0.2 },
      ],
    });
    try {
      const before = byDay((await allRows(plain, 'usage', params)).rows);
      const after = byDay((await allRows(spiked, 'usage', params)).rows);
      expect(totals(after.get(SPIKE)).credits).toBeGreaterThan(3 * totals(before.get(SPIKE)).credits);
      expect(totals(after.get(SPIKE)).threads).toBeGreaterThan(2 * totals(before.get(SPIKE)).threads);
      expect(totals(after.get(DROP)).credits).toBeLessThan(0.3 * totals(before.get(DROP)).credits);
      for (const [day, row] of before) {
        if (day === SPIKE || day === DROP) continue;
        expect(JSON.stringify(after.get(day)), String(day)).toBe(JSON.stringify(row));
      }
      // A drop keeps people away too: fewer users have rows that day.
      const users = async (sim: typeof plain) =>
        (await allRows(sim, 'usage', { start_time: DROP, end_time: DROP + DAY, limit: 1000 })).rows.length;
      expect(await users(spiked)).toBeLessThan(0.5 * (await users(plain)));
    } finally {
      await Promise.all([plain.close(), spiked.close()]);
    }
  });

  it('injects a spike while running (setDayFactor): the day reads as restated, workspace totals too', async () => {
    const sim = await startTestSimulator({ users: 150, seed: 'spikes' });
    try {
      const workspace = async () => byDay((await allRows(sim, 'usage', params)).rows);
      const users = async () =>
        (await allRows(sim, 'usage', { start_time: SPIKE, end_time: SPIKE + DAY, limit: 1000 })).rows;
      const before = await workspace();
      const perUserBefore = await users();
      sim.setDayFactor('2026-11-18', 5);
      const after = await workspace();
      // The workspace total of a finished day is memoised: the spike must reach it anyway.
      expect(totals(after.get(SPIKE)).credits).toBeGreaterThan(3 * totals(before.get(SPIKE)).credits);
      expect(JSON.stringify(after.get(SPIKE - DAY))).toBe(JSON.stringify(before.get(SPIKE - DAY)));
      const sum = (rows: Record<string, unknown>[]) => rows.reduce((n, r) => n + totals(r).credits, 0);
      expect(sum(await users())).toBeGreaterThan(3 * sum(perUserBefore));
      expect(() => sim.setDayFactor('18 Nov', 5)).toThrow(RangeError);
      expect(() => sim.setDayFactor('2026-11-18', 0)).toThrow(RangeError);
    } finally {
      await sim.close();
    }
  });

  it('reads --spike DAY:FACTOR, repeatable, and refuses anything else', () => {
    expect(spikeFlags(undefined)).toEqual([]);
    expect(spikeFlags(['2026-11-18:5', '2026-11-20:0.2'])).toEqual([
      { day: '2026-11-18', factor: 5 },
      { day: '2026-11-20', factor: 0.2 },
    ]);
    for (const bad of ['2026-11-18', '2026-02-30:5', '2026-11-18:0', '2026-11-18:1000', 'tomorrow:5']) {
      expect(() => spikeFlags([bad]), bad).toThrow(UsageError);
    }
  });
});
