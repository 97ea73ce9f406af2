import { afterEach, describe, expect, it } from 'vitest';
import { usageRowSchema } from '../../../src/codex/schemas.js';
import type { RunningSimulator } from '../../../src/dev/simulator/start-simulator.js';
import { call, type Envelope, startTestSimulator } from './sim-harness.js';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('deterministic faults', () => {
  it('failNext(429) answers 429 with Retry-After, then recovers', async () => {
    sim = await startTestSimulator();
    sim.failNext({ status: 429, count: 2, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      const result = await call(sim, 'usage');
      expect(result.status).toBe(429);
      expect(result.headers.get('retry-after')).toBe('7');
      expect(typeof (result.body as { detail: unknown }).detail).toBe('string');
    }
    expect((await call(sim, 'usage')).status).toBe(200);
    expect(sim.stats().byStatus).toEqual({ 200: 1, 429: 2 });
  });

  it('failNext defaults to one request and a Retry-After of 1; 5xx statuses pass through', async () => {
    sim = await startTestSimulator();
    sim.failNext({ status: 429 });
    sim.failNext({ status: 503 });
    sim.failNext({ status: 500 });
    const first = await call(sim, 'code_reviews');
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '1']);
    expect((await call(sim, 'code_reviews')).status).toBe(503);
    expect((await call(sim, 'code_reviews')).status).toBe(500);
    expect((await call(sim, 'code_reviews')).status).toBe(200);
  });

  it('checks auth before injecting faults', async () => {
    sim = await startTestSimulator();
    sim.failNext({ status: 502 });
    expect((await call(sim, 'usage', {}, { key: 'wrong' })).status).toBe(401);
    expect((await call(sim, 'usage')).status).toBe(502);
  });

  it('malformNext makes one row per response fail the zod schema', async () => {
    sim = await startTestSimulator();
    sim.malformNext(1);
    const bad = (await call(sim, 'usage', { limit: 5 })).body as Envelope;
    const results = bad.data.map((row) => usageRowSchema.safeParse(row));
    expect(results.filter((r) => !r.success)).toHaveLength(1);
    const failure = results.find((r) => !r.success);
    expect(failure?.error?.issues[0]?.path).toEqual(['totals', 'credits']);
    const good = (await call(sim, 'usage', { limit: 5 })).body as Envelope;
    expect(good.data.every((row) => usageRowSchema.safeParse(row).success)).toBe(true);
  });
});

describe('random faults', () => {
  it('injects 429s and 5xx at roughly the configured rates, reproducibly for a seed', async () => {
    const statuses = async (): Promise<number[]> => {
      const s = await startTestSimulator({
        seed: 'faults',
        faults: { rate429: 0.2, rate5xx: 0.1, retryAfterSeconds: 3 },
      });
      try {
        const out: number[] = [];
        for (let i = 0; i < 200; i++) {
          const result = await call(s, 'code_reviews', { limit: 1 });
          if (result.status === 429) expect(result.headers.get('retry-after')).toBe('3');
          out.push(result.status);
        }
        return out;
      } finally {
        await s.close();
      }
    };
    const first = await statuses();
    expect(await statuses()).toEqual(first);
    const count = (pred: (s: number) => boolean) => first.filter(pred).length;
    expect(count((s) => s === 429)).toBeGreaterThan(20);
    expect(count((s) => s === 429)).toBeLessThan(60);
    expect(count((s) => s >= 500)).toBeGreaterThan(8);
    expect(count((s) => s >= 500)).toBeLessThan(35);
  });

  it('setFaults changes rates at runtime, including malformed rows and latency', async () => {
    sim = await startTestSimulator();
    sim.setFaults({ rateMalformed: 1, latencyMs: 5 });
    const body = (await call(sim, 'usage', { limit: 3 })).body as Envelope;
    expect(body.data.some((row) => !usageRowSchema.safeParse(row).success)).toBe(true);
    sim.setFaults({});
    const clean = (await call(sim, 'usage', { limit: 3 })).body as Envelope;
    expect(clean.data.every((row) => usageRowSchema.safeParse(row).success)).toBe(true);
  });
});

describe('an outage (the playground\'s "Stop the Codex API")', () => {
  it('setRunning(false) refuses connections; setRunning(true) answers again on the same URL; close() works either way', async () => {
    sim = await startTestSimulator();
    expect((await call(sim, 'usage')).status).toBe(200);
    await sim.setRunning(false);
    await expect(call(sim, 'usage')).rejects.toThrow();
    await sim.setRunning(false);
    await sim.setRunning(true);
    expect((await call(sim, 'usage')).status).toBe(200);
    await sim.setRunning(false);
  });
});
