/**
 * Issue 9, 5.4: with the API down, "can't reach the Codex API" took 60–110 s, because every retry of a
 * refused connection waited for a slot of the request budget and every day-lane retried on its own.
 * Refused connections now give their slot back, and a circuit breaker fails fast after a few
 * consecutive failures to connect, probing again after a cool-down on the injected clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  closedPort,
  collectPages,
  DAY,
  makeClient,
  type RawServer,
  startRawServer,
  TODAY,
} from './helpers.js';

const servers: RawServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A server that drops the first `drops` connections unanswered (no HTTP answer: unreachable), then serves empty pages. */
async function flaky(drops: number): Promise<RawServer> {
  const server = await startRawServer((req, res, count) => {
    if (count <= drops) {
      req.socket.destroy();
      return;
    }
    res.end(JSON.stringify({ object: 'page', data: [], has_more: false, next_page: null }));
  });
  servers.push(server);
  return server;
}

const requestLines = (lines: Record<string, unknown>[]) => lines.filter((l) => l.msg === 'codex request');

describe('codex client when the API is down', () => {
  it('does not spend the request budget on refused connections', async () => {
    const port = await closedPort();
    // Two requests a minute: before, attempts 3–5 each waited a minute for a slot (≥ 180 s in all).
    const { client, clock } = makeClient(
      { baseUrl: `http://127.0.0.1:${port}/v1/analytics/codex` },
      { requestsPerMinute: 2, maxRetries: 4 },
    );
    const started = clock.now().getTime();
    await expect(client.fetchAll('usage', {})).rejects.toMatchObject({ code: 'codex_unreachable' });
    // Only the backoff (random 0.5 → 250 + 500 + 1000 + 2000 ms), never a wait for the budget.
    expect(clock.now().getTime() - started).toBe(3750);
    await client.close();
  });

  it('opens the circuit after consecutive failures to connect and fails fast without a request', async () => {
    const server = await flaky(Number.POSITIVE_INFINITY);
    const { client, clock, logger } = makeClient(server, {
      maxRetries: 4,
      breakerThreshold: 3,
      breakerCooldownMs: 30_000,
    });
    const started = clock.now().getTime();
    const first = client.fetchAll('code_reviews', {});
    await expect(first).rejects.toMatchObject({ code: 'codex_unreachable' });
    await expect(first).rejects.toThrow(/after 3 attempt/);
    expect(server.requests).toHaveLength(3);
    // Two backoffs (250 + 500 ms); once the circuit opened no third one was slept.
    expect(clock.now().getTime() - started).toBe(750);

    const second = client.fetchAll('usage', {});
    await expect(second).rejects.toMatchObject({ code: 'codex_unreachable' });
    await expect(second).rejects.toThrow(
      /circuit open after 3 consecutive failures to connect; next try in 30 s/,
    );
    expect(server.requests).toHaveLength(3);
    expect(clock.now().getTime() - started).toBe(750);
    expect(requestLines(logger.lines)).toHaveLength(3);
    await client.close();
  });

  it('half-opens after the cool-down: a failed probe reopens it, an answered probe closes it', async () => {
    const server = await flaky(4);
    const { client, clock } = makeClient(server, {
      maxRetries: 4,
      breakerThreshold: 3,
      breakerCooldownMs: 30_000,
    });
    await expect(client.fetchAll('code_reviews', {})).rejects.toMatchObject({ code: 'codex_unreachable' });
    expect(server.requests).toHaveLength(3);

    clock.advance(29_999);
    await expect(client.fetchAll('code_reviews', {})).rejects.toThrow(/circuit open/);
    expect(server.requests).toHaveLength(3);

    // Cool-down over: one probe goes out, is dropped, and the circuit opens for another 30 s at once.
    clock.advance(1);
    await expect(client.fetchAll('code_reviews', {})).rejects.toThrow(/after 1 attempt/);
    expect(server.requests).toHaveLength(4);
    await expect(client.fetchAll('code_reviews', {})).rejects.toThrow(/circuit open/);
    expect(server.requests).toHaveLength(4);

    clock.advance(30_000);
    expect(await client.fetchAll('code_reviews', {})).toEqual([]);
    expect(await client.fetchAll('code_reviews', {})).toEqual([]);
    expect(server.requests).toHaveLength(6);
    await client.close();
  });

  it('resetCircuit closes an open circuit at once, for a caller that knows the API is back', async () => {
    const server = await flaky(3);
    const { client, clock } = makeClient(server, {
      maxRetries: 4,
      breakerThreshold: 3,
      breakerCooldownMs: 30_000,
    });
    await expect(client.fetchAll('code_reviews', {})).rejects.toMatchObject({ code: 'codex_unreachable' });
    await expect(client.fetchAll('code_reviews', {})).rejects.toThrow(/circuit open/);
    const opened = clock.now().getTime();

    // The playground restarted its simulator: no cool-down to wait out, the next request asks the API.
    client.resetCircuit();
    expect(await client.fetchAll('code_reviews', {})).toEqual([]);
    expect(server.requests).toHaveLength(4);
    expect(clock.now().getTime()).toBe(opened);
    await client.close();
  });

  it('fails a 14-day per-user pull at once: the first wave of lanes opens the circuit', async () => {
    const port = await closedPort();
    const { client, clock, logger } = makeClient(
      { baseUrl: `http://127.0.0.1:${port}/v1/analytics/codex` },
      { maxRetries: 4, concurrency: 6, breakerThreshold: 3, requestsPerMinute: 90 },
    );
    const started = clock.now().getTime();
    const query = { startTime: TODAY - 14 * DAY, endTime: TODAY, groupBy: 'day' as const };
    await expect(collectPages(client.usagePagesConcurrent(query))).rejects.toMatchObject({
      code: 'codex_unreachable',
    });
    // Before: 14 lanes × 5 attempts with backoff, queued behind the budget. Now one request per running lane.
    expect(requestLines(logger.lines).length).toBeLessThanOrEqual(6);
    // At most the two lanes that failed before the third opened the circuit slept one backoff (250 ms).
    expect(clock.now().getTime() - started).toBeLessThanOrEqual(500);
    await client.close();
  });
});
