/** Faults and error statuses from the real simulator: retries, Retry-After, and each typed error. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CodexContractError,
  CodexQueryRejectedError,
  CodexRateLimitedError,
} from '../../src/codex/codex-errors.js';
import { startSimulator } from '../../src/dev/simulator/start-simulator.js';
import { collectPages, DAY, makeClient, NOW, TODAY } from './helpers.js';

type Simulator = Awaited<ReturnType<typeof startSimulator>>;
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, users: 120, seed: 'codex-faults-test', now: () => NOW });
});
afterEach(() => {
  sim.setFaults({});
});
afterAll(async () => {
  await sim.close();
});

const week = { startTime: TODAY - 7 * DAY, endTime: TODAY };
const status = (code: number) => (sim.stats().byStatus as Record<string, number>)[String(code)] ?? 0;

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('retries against the simulator', () => {
  it('honours Retry-After on 429 exactly, on the injected clock', async () => {
    const { client, clock, logger } = makeClient(sim);
    const expected = await client.fetchAll('code_reviews', week);
    sim.failNext({ status: 429, retryAfterSeconds: 7 });
    const started = clock.now().getTime();
    expect(await client.fetchAll('code_reviews', week)).toEqual(expected);
    expect(clock.now().getTime() - started).toBeGreaterThanOrEqual(7000);
    const warn = logger.lines.filter((line) => line.level === 'warn');
    expect(warn).toHaveLength(1);
    expect(warn[0]).toMatchObject({ endpoint: 'code_reviews', status: 429, delayMs: 7000 });
    await client.close();
  });

  it('retries 5xx with backoff and then succeeds', async () => {
    const { client, clock } = makeClient(sim);
    const before503 = status(503);
    sim.failNext({ status: 503, count: 2 });
    const started = clock.now().getTime();
    const rows = await client.fetchAll('usage', week);
    expect(rows.length).toBeGreaterThan(0);
    expect(status(503) - before503).toBe(2);
    // Full jitter with random() = 0.5: 250 ms, then 500 ms.
    expect(clock.now().getTime() - started).toBe(750);
    await client.close();
  });

  it('gives up on persistent 5xx with codex_unavailable after maxRetries', async () => {
    const { client } = makeClient(sim, { maxRetries: 2 });
    const before = sim.stats().requests;
    sim.failNext({ status: 502, count: 3 });
    const error = await failure(client.fetchAll('code_review_responses', week));
    expect(error).toMatchObject({
      code: 'codex_unavailable',
      status: 502,
      endpoint: 'code_review_responses',
    });
    expect(sim.stats().requests - before).toBe(3);
    await client.close();
  });

  it('gives up on persistent 429 with codex_rate_limited carrying Retry-After', async () => {
    const { client } = makeClient(sim, { maxRetries: 1 });
    sim.failNext({ status: 429, count: 2, retryAfterSeconds: 3 });
    const error = await failure(client.fetchAll('usage', week));
    expect(error).toBeInstanceOf(CodexRateLimitedError);
    expect(error).toMatchObject({ code: 'codex_rate_limited', status: 429, retryAfterSeconds: 3 });
    await client.close();
  });

  it('fails fast when Retry-After is longer than we wait (60 s)', async () => {
    const { client, clock } = makeClient(sim);
    const before = sim.stats().requests;
    sim.failNext({ status: 429, retryAfterSeconds: 600 });
    await expect(client.fetchAll('usage', week)).rejects.toMatchObject({
      code: 'codex_rate_limited',
      retryAfterSeconds: 600,
    });
    expect(sim.stats().requests - before).toBe(1);
    expect(clock.now()).toEqual(NOW);
    await client.close();
  });

  it('the concurrent strategy stays exact under random 429s and 5xx', async () => {
    const { client } = makeClient(sim, { maxRetries: 10, concurrency: 5 });
    const query = { startTime: TODAY - 20 * DAY, endTime: TODAY, limit: 40 };
    const clean = await client.fetchAll('usage', query);
    sim.setFaults({ rate429: 0.15, retryAfterSeconds: 2, rate5xx: 0.15 });
    const before = status(429) + status(500) + status(502) + status(503);
    const rows = await collectPages(client.usagePagesConcurrent(query));
    expect(status(429) + status(500) + status(502) + status(503) - before).toBeGreaterThan(0);
    expect(rows).toEqual(clean);
    await client.close();
  });
});

describe('typed errors from the simulator', () => {
  it('401 wrong key → codex_auth (unauthenticated), not retried', async () => {
    const { client } = makeClient({
      baseUrl: sim.baseUrl,
      apiKey: 'wrong-key',
      workspaceId: sim.workspaceId,
    });
    const before = sim.stats().requests;
    const error = await client.fetchAll('usage', week).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'codex_auth',
      reason: 'unauthenticated',
      status: 401,
      endpoint: 'usage',
    });
    // The simulator answers a wrong key OpenAI-style, {"error":{"message":…}} (issue 9).
    expect((error as Error).message).toContain('Invalid API key');
    expect(sim.stats().requests - before).toBe(1);
    await client.close();
  });

  it('404 unknown workspace → codex_not_found', async () => {
    const { client } = makeClient({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, workspaceId: 'ws-nope' });
    await expect(client.fetchAll('code_reviews', week)).rejects.toMatchObject({
      code: 'codex_not_found',
      status: 404,
      endpoint: 'code_reviews',
    });
    await client.close();
  });

  it('422 limit 0 → codex_query_rejected with the API detail', async () => {
    const { client } = makeClient(sim);
    const error = await failure(client.fetchAll('usage', { ...week, limit: 0 }));
    expect(error).toBeInstanceOf(CodexQueryRejectedError);
    expect(error).toMatchObject({ code: 'codex_query_rejected', status: 422, endpoint: 'usage' });
    expect((error as CodexQueryRejectedError).detail).toMatch(/^limit: /);
    expect((error as Error).message).toMatch(
      /^usage: the Codex Analytics API rejected the query \(422\): limit: /,
    );
    await client.close();
  });

  it('422 window older than 90 days on the server clock → codex_query_rejected', async () => {
    // The client's clock says NOW, the server's says 100 days later: validateWindow passes, the API refuses.
    const later = await startSimulator({
      port: 0,
      users: 10,
      now: () => new Date(NOW.getTime() + 100 * DAY * 1000),
    });
    try {
      const { client } = makeClient(later);
      const error = await failure(client.fetchAll('usage', week));
      expect(error).toMatchObject({ code: 'codex_query_rejected', status: 422 });
      expect((error as Error).message).toMatch(/start_time: .*90 days/);
      await client.close();
    } finally {
      await later.close();
    }
  });

  it('a malformed row → codex_contract naming the endpoint and the path', async () => {
    const { client } = makeClient(sim);
    sim.malformNext(1);
    const error = await failure(client.fetchAll('usage', week));
    expect(error).toBeInstanceOf(CodexContractError);
    expect(error).toMatchObject({ code: 'codex_contract', endpoint: 'usage' });
    expect((error as CodexContractError).path).toMatch(/^data\[\d+\]\.totals\.credits$/);
    expect((error as Error).message).toMatch(
      /^usage: data\[\d+\]\.totals\.credits: expected number, got string$/,
    );

    sim.malformNext(1);
    await expect(client.fetchAll('code_reviews', week)).rejects.toMatchObject({
      code: 'codex_contract',
      message: expect.stringMatching(/^code_reviews: data\[\d+\]\.comments: expected number, got string$/),
    });
    await client.close();
  });

  it('a malformed row in a buffered sub-window is still reported with its path', async () => {
    const { client } = makeClient(sim, { concurrency: 4 });
    sim.malformNext(1);
    const run = collectPages(
      client.usagePagesConcurrent({ startTime: TODAY - 10 * DAY, endTime: TODAY, limit: 30 }),
    );
    await expect(run).rejects.toMatchObject({
      code: 'codex_contract',
      endpoint: 'usage',
      path: expect.stringMatching(/^data\[0\]\.totals\.credits$/),
    });
    await client.close();
  });
});
