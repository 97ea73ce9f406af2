import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './digest-harness.js';

/** One sample of the composition's registry, e.g. `name{outcome="delivered"}`; undefined when absent. */
async function sample(h: Harness, series: string): Promise<number | undefined> {
  const text = await h.c.metrics.registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('digest service: delivery outcomes in /metrics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('counts each delivery looked at by outcome: delivered once, then already', async () => {
    await h.subscribe({ channelId: 'C0METRICS1' });
    const service = h.service('worker-metrics');
    await service.runDue(h.clock.now());
    expect(await sample(h, 'codex_pulse_digest_deliveries_total{outcome="delivered"}')).toBe(1);
    await service.runDue(h.clock.now());
    expect(await sample(h, 'codex_pulse_digest_deliveries_total{outcome="already"}')).toBe(1);
    expect(await sample(h, 'codex_pulse_digest_deliveries_total{outcome="delivered"}')).toBe(1);
  });
});
