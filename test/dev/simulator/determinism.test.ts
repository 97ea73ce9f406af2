import { describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/dev/simulator/start-simulator.js';
import { call, DAY, type EndpointPath, startTestSimulator, TODAY } from './sim-harness.js';

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

  it('keeps finished days stable as the simulated clock moves on', async () => {
    let now = new Date('2026-11-24T10:00:00Z');
    const sim = await startTestSimulator({ now: () => now });
    try {
      const params = { start_time: TODAY - 5 * DAY, end_time: TODAY, limit: 30_000 };
      const before = await bytes(sim, 'usage', params);
      now = new Date('2026-11-25T18:00:00Z');
      expect(await bytes(sim, 'usage', params)).toBe(before);
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
