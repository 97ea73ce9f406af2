/** The Codex client's counters (GET /metrics): attempts by endpoint and status, retries by reason. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/dev/simulator/start-simulator.js';
import { testMetrics } from '../helpers/test-metrics.js';
import { DAY, makeClient, NOW, TODAY } from './helpers.js';

let sim: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, users: 40, seed: 'codex-metrics-test', now: () => NOW });
});
afterAll(() => sim.close());

async function sample(metrics: ReturnType<typeof testMetrics>, series: string): Promise<number | undefined> {
  const line = (await metrics.registry.metrics()).split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('codex client metrics', () => {
  it('counts each attempt by route name and status, and each retry by reason', async () => {
    const metrics = testMetrics();
    const { client } = makeClient(sim, { metrics });
    sim.failNext({ status: 503, count: 1 });
    sim.failNext({ status: 429, retryAfterSeconds: 1 });
    await client.fetchAll('code_reviews', { startTime: TODAY - 7 * DAY, endTime: TODAY });
    expect(
      await sample(metrics, 'codex_pulse_codex_api_requests_total{endpoint="code_reviews",status="503"}'),
    ).toBe(1);
    expect(
      await sample(metrics, 'codex_pulse_codex_api_requests_total{endpoint="code_reviews",status="429"}'),
    ).toBe(1);
    expect(
      await sample(metrics, 'codex_pulse_codex_api_requests_total{endpoint="code_reviews",status="200"}'),
    ).toBeGreaterThan(0);
    expect(
      await sample(
        metrics,
        'codex_pulse_codex_api_retries_total{endpoint="code_reviews",reason="server_error"}',
      ),
    ).toBe(1);
    expect(
      await sample(
        metrics,
        'codex_pulse_codex_api_retries_total{endpoint="code_reviews",reason="rate_limited"}',
      ),
    ).toBe(1);
    // The route name, never the URL (workspace id, query string): bounded labels.
    expect(await metrics.registry.metrics()).not.toContain('workspaces/');
    await client.close();
  });
});
