import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, DEMO_WORKSPACE_ID } from '../../../src/config/env.js';
import type { RunningSimulator } from '../../../src/dev/simulator/start-simulator.js';
import { call, DAY, NOW, page, startTestSimulator, TODAY } from './sim-harness.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

interface Issue {
  loc: string[];
  msg: string;
  type: string;
}

async function issues(
  endpoint: 'usage' | 'code_reviews',
  params: Record<string, string | number>,
): Promise<Issue[]> {
  const result = await call(sim, endpoint, params);
  expect(result.status).toBe(422);
  const body = result.body as { detail: Issue[] };
  for (const issue of body.detail) {
    expect(issue.loc[0]).toBe('query');
    expect(typeof issue.msg).toBe('string');
    expect(typeof issue.type).toBe('string');
  }
  return body.detail;
}

const nowSeconds = NOW.getTime() / 1000;

describe('422 validation (FastAPI shape)', () => {
  it.each([
    ['limit below 1', { limit: 0 }, 'limit', 'greater_than_equal'],
    ['limit above 30000', { limit: 30_001 }, 'limit', 'less_than_equal'],
    ['non-integer limit', { limit: 'ten' }, 'limit', 'int_parsing'],
    ['bad group_by', { group_by: 'month' }, 'group_by', 'enum'],
    ['bad group', { group: 'team' }, 'group', 'enum'],
    ['non-integer start_time', { start_time: '2026-11-01' }, 'start_time', 'int_parsing'],
    ['non-integer end_time', { end_time: '1.5' }, 'end_time', 'int_parsing'],
    ['start equal to end', { start_time: TODAY, end_time: TODAY }, 'start_time', 'value_error'],
    ['start after end', { start_time: TODAY, end_time: TODAY - DAY }, 'start_time', 'value_error'],
    [
      'start beyond the 90-day lookback',
      // Whole UTC days: one second before midnight 90 days before today.
      { start_time: Math.floor(nowSeconds / DAY) * DAY - 90 * DAY - 1 },
      'start_time',
      'value_error',
    ],
  ] as const)('%s', async (_name, params, field, type) => {
    const detail = await issues('usage', params);
    expect(detail).toHaveLength(1);
    expect(detail[0]).toMatchObject({ loc: ['query', field], type });
  });

  it('reports every problem at once', async () => {
    const detail = await issues('usage', { limit: 0, group_by: 'month', start_time: 'x' });
    expect(detail.map((d) => d.loc[1]).sort()).toEqual(['group_by', 'limit', 'start_time']);
  });

  it('accepts exactly 90 days back, the 1..30000 limit bounds, and ignores unknown parameters', async () => {
    expect((await call(sim, 'usage', { start_time: nowSeconds - 90 * DAY })).status).toBe(200);
    expect((await call(sim, 'usage', { limit: 1 })).status).toBe(200);
    expect((await call(sim, 'usage', { limit: 30_000 })).status).toBe(200);
    const plain = await page(sim, 'usage', { limit: 5 });
    const extra = await page(sim, 'usage', { limit: 5, foo: 'bar', include: 'everything' });
    expect(extra).toEqual(plain);
  });

  it('treats group as unknown (ignored) on the code review endpoints', async () => {
    expect((await call(sim, 'code_reviews', { group: 'team' })).status).toBe(200);
  });
});

describe('auth and routing', () => {
  it('answers 401 with a detail string without a key, an OpenAI-style error with a wrong key', async () => {
    const missing = await call(sim, 'usage', {}, { key: null });
    expect(missing.status).toBe(401);
    expect(typeof (missing.body as { detail: unknown }).detail).toBe('string');
    const wrong = await call(sim, 'usage', {}, { key: 'wrong-key' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { message: 'Invalid API key' } });
    const lowercase = await fetch(`${sim.baseUrl}/workspaces/${sim.workspaceId}/usage`, {
      headers: { Authorization: `bearer ${sim.apiKey}` },
    });
    expect(lowercase.status).toBe(200);
  });

  it('answers 404 for an unknown workspace and an unknown path', async () => {
    const result = await call(sim, 'usage', {}, { workspaceId: 'ws-other' });
    expect(result.status).toBe(404);
    expect((result.body as { detail: unknown }).detail).toBe('Workspace not found');
    const unknown = await fetch(`${sim.baseUrl}/workspaces/${sim.workspaceId}/skills`, {
      headers: { Authorization: `Bearer ${sim.apiKey}` },
    });
    expect(unknown.status).toBe(404);
  });

  it('uses the demo credentials by default and serves under the real path prefix', () => {
    expect(sim.apiKey).toBe(DEMO_API_KEY);
    expect(sim.workspaceId).toBe(DEMO_WORKSPACE_ID);
    expect(sim.baseUrl).toBe(`${sim.url}/v1/analytics/codex`);
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('counts requests by status and endpoint', async () => {
    const own = await startTestSimulator({ apiKey: 'k', workspaceId: 'w' });
    try {
      await call(own, 'usage', { limit: 1 });
      await call(own, 'code_reviews', { limit: 0 });
      await call(own, 'usage', {}, { key: 'nope' });
      expect(own.stats()).toEqual({
        requests: 3,
        byStatus: { 200: 1, 401: 1, 422: 1 },
        byEndpoint: { usage: 2, code_reviews: 1 },
      });
    } finally {
      await own.close();
    }
  });
});
