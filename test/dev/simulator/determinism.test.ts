import { describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/dev/simulator/start-simulator.js';
import { call, DAY, type EndpointPath, type Envelope, startTestSimulator, TODAY } from './sim-harness.js';

async function bytes(sim: RunningSimulator, endpoint: EndpointPath, params: Record<string, string | number>) {
  const result = await call(sim, endpoint, params);
  expect(result.status).toBe(200);
  return result.text;
}

const requests: [EndpointPath, Record<string, string | number>][] = [
  ['usage', { start_time: TODAY - 60 * DAY, limit: 2000 }],
  ['usage', { group: 'workspace', group_by: 'week', start_time: TODAY - 60 * DAY }],
  ['code_reviews', {}],
  ['code_review_responses', { group_by: 'week' }],
];

describe('determinism', () => {
  it('serves the same bytes for the same seed and clock, across two simulators', async () => {
    const a = await startTestSimulator({ seed: 'alpha' });
    const b = await startTestSimulator({ seed: 'alpha' });
    try {
      for (const [endpoint, params] of requests) {
        expect(await bytes(a, endpoint, params)).toBe(await bytes(b, endpoint, params));
      }
      // Repeating a request on the same simulator (memoised workspace days) changes nothing either.
      const [endpoint, params] = requests[1] ?? requests[0] ?? ['usage', {}];
      expect(await bytes(a, endpoint, params)).toBe(await bytes(b, endpoint, params));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('serves different data for a different seed', async () => {
    const a = await startTestSimulator({ seed: 'alpha' });
    const b = await startTestSimulator({ seed: 'beta' });
    try {
      for (const [endpoint, params] of requests) {
        expect(await bytes(a, endpoint, params)).not.toBe(await bytes(b, endpoint, params));
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('keeps settled days stable as the simulated clock moves on', async () => {
    let now = new Date('2026-11-24T10:00:00Z');
    const sim = await startTestSimulator({ now: () => now });
    try {
      // TODAY − 4 ended 3 days before now: past the late window (late-rows.ts), so it never changes.
      const params = { start_time: TODAY - 10 * DAY, end_time: TODAY - 3 * DAY, limit: 30_000 };
      const before = await bytes(sim, 'usage', params);
      now = new Date('2026-11-25T18:00:00Z');
      expect(await bytes(sim, 'usage', params)).toBe(before);
    } finally {
      await sim.close();
    }
  });

  it('adds late rows and values to a day inside the late window as now moves on, then settles it', async () => {
    let now = new Date('2026-11-24T10:00:00Z');
    const sim = await startTestSimulator({ users: 2000, now: () => now });
    const yesterday = { start_time: TODAY - DAY, end_time: TODAY, limit: 30_000 };
    const byUser = async (group?: 'workspace') => {
      const body = JSON.parse(
        await bytes(sim, 'usage', group ? { ...yesterday, group } : yesterday),
      ) as Envelope;
      return new Map(body.data.map((row) => [JSON.stringify(row.actor ?? null), row]));
    };
    const credits = (row: Record<string, unknown> | undefined) =>
      Number((row?.totals as { credits?: number } | undefined)?.credits ?? 0);
    try {
      const early = await byUser();
      const earlyWorkspace = credits([...(await byUser('workspace')).values()][0]);
      now = new Date('2026-11-27T10:00:00Z');
      const settled = await byUser();
      // Late rows: users missing yesterday morning are there now; every early row is still there.
      const arrived = [...settled.keys()].filter((user) => !early.has(user));
      expect(arrived.length).toBeGreaterThan(0);
      expect([...early.keys()].every((user) => settled.has(user))).toBe(true);
      // Late values: some rows that were there grew; none shrank.
      const grew = [...early].filter(([user, row]) => credits(settled.get(user)) > credits(row));
      const shrank = [...early].filter(([user, row]) => credits(settled.get(user)) < credits(row));
      expect(grew.length).toBeGreaterThan(0);
      expect(shrank).toEqual([]);
      // The workspace row sums the same users: it grows with them.
      expect(credits([...(await byUser('workspace')).values()][0])).toBeGreaterThan(earlyWorkspace);
      // Past the late window the day is final whatever now is.
      const final = await bytes(sim, 'usage', yesterday);
      now = new Date('2026-12-20T10:00:00Z');
      expect(await bytes(sim, 'usage', yesterday)).toBe(final);
    } finally {
      await sim.close();
    }
  });

  it('serves a finished day the same whatever now the simulator runs at (issue 11: history from several --now)', async () => {
    const september = Date.UTC(2026, 8, 1) / 1000;
    const window = { start_time: september, end_time: september + 10 * DAY, limit: 30_000 };
    const today = await startTestSimulator({ seed: 'alpha' });
    const earlier = await startTestSimulator({ seed: 'alpha', now: () => new Date('2026-10-15T06:00:00Z') });
    try {
      const rows = await bytes(today, 'usage', window);
      expect(JSON.parse(rows).data.length).toBeGreaterThan(0);
      expect(await bytes(earlier, 'usage', window)).toBe(rows);
      const reviews = { start_time: september, end_time: september + 10 * DAY };
      expect(await bytes(earlier, 'code_reviews', reviews)).toBe(await bytes(today, 'code_reviews', reviews));
    } finally {
      await Promise.all([today.close(), earlier.close()]);
    }
  });
});
