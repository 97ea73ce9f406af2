/** The client against the real simulator over HTTP: paging, the concurrent strategy, fetchWindow, logging. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageRow } from '../../src/codex/schemas.js';
import { startSimulator } from '../../src/dev/simulator/start-simulator.js';
import { collectPages, DAY, makeClient, NOW, TODAY } from './helpers.js';

type Simulator = Awaited<ReturnType<typeof startSimulator>>;
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, users: 300, seed: 'codex-client-test', now: () => NOW });
});
afterAll(async () => {
  await sim.close();
});

const lastTwoWeeks = { startTime: TODAY - 14 * DAY, endTime: TODAY + DAY };
const key = (row: UsageRow) => `${row.start_time}/${row.user_id}`;

describe('codex client paging', () => {
  it('pages with a small limit and yields exactly the rows of one big page, in order', async () => {
    const { client } = makeClient(sim);
    const before = sim.stats().requests;
    const pages: UsageRow[][] = [];
    for await (const page of client.pages('usage', { ...lastTwoWeeks, limit: 97 })) pages.push(page);
    const requests = sim.stats().requests - before;
    const big = await client.fetchAll('usage', { ...lastTwoWeeks, limit: 30_000 });

    expect(big.length).toBeGreaterThan(1000);
    expect(pages.length).toBe(Math.ceil(big.length / 97));
    expect(requests).toBe(pages.length);
    expect(pages.every((p) => p.length <= 97)).toBe(true);
    expect(pages.flat()).toEqual(big);
    const starts = big.map((r) => r.start_time);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    await client.close();
  });

  it('uses the configured page size when a query sets none, and a query limit still wins', async () => {
    const { client } = makeClient(sim, { pageLimit: 250 });
    const total = (await client.fetchAll('usage', { ...lastTwoWeeks, limit: 30_000 })).length;
    let before = sim.stats().requests;
    await client.fetchAll('usage', lastTwoWeeks);
    expect(sim.stats().requests - before).toBe(Math.ceil(total / 250));
    before = sim.stats().requests;
    await client.fetchAll('usage', { ...lastTwoWeeks, limit: 1000 });
    expect(sim.stats().requests - before).toBe(Math.ceil(total / 1000));
    await client.close();
  });

  it('paces requests per route under the budget instead of provoking 429s', async () => {
    const { client, clock } = makeClient(sim, { pageLimit: 100, requestsPerMinute: 5 });
    const started = clock.now().getTime();
    const rows = await client.fetchAll('usage', lastTwoWeeks);
    const requests = Math.ceil(rows.length / 100);
    expect(requests).toBeGreaterThan(10);
    // Five starts a minute: request k (0-based) waits floor(k / 5) minutes on the manual clock.
    expect(clock.now().getTime() - started).toBe(Math.floor((requests - 1) / 5) * 60_000);
    await client.close();
  });

  it('the concurrent strategy returns exactly the sequential rows (days)', async () => {
    const { client } = makeClient(sim, { concurrency: 4 });
    const query = { ...lastTwoWeeks, limit: 150 };
    const sequential = await client.fetchAll('usage', query);
    const concurrent = await collectPages(client.usagePagesConcurrent(query));
    expect(concurrent.length).toBe(sequential.length);
    expect(concurrent.map(key)).toEqual(sequential.map(key));
    expect(concurrent).toEqual(sequential);
    await client.close();
  });

  it('the concurrent strategy returns exactly the sequential rows (Monday weeks, unaligned edges)', async () => {
    const { client } = makeClient(sim, { concurrency: 3 });
    // 2026-09-02 is a Wednesday: the first sub-window is a partial week, as in the single query.
    const query = {
      startTime: Date.parse('2026-09-02T00:00:00Z') / 1000,
      endTime: TODAY + DAY,
      groupBy: 'week' as const,
      limit: 500,
    };
    const sequential = await client.fetchAll('usage', query);
    const concurrent = await collectPages(client.usagePagesConcurrent(query));
    expect(sequential.length).toBeGreaterThan(1000);
    expect(concurrent).toEqual(sequential);
    await client.close();
  });

  it('workspace-level usage is not split (a page or two) and matches sequential paging', async () => {
    const { client } = makeClient(sim);
    const query = { ...lastTwoWeeks, group: 'workspace' as const };
    const before = sim.stats().requests;
    const concurrent = await collectPages(client.usagePagesConcurrent(query));
    expect(sim.stats().requests - before).toBe(1);
    expect(concurrent).toEqual(await client.fetchAll('usage', query));
    expect(concurrent.every((row) => row.user_id === null)).toBe(true);
    await client.close();
  });

  it('fetchWindow returns the three endpoints, equal to fetching each alone', async () => {
    const { client } = makeClient(sim);
    const window = { startTime: TODAY - 28 * DAY, endTime: TODAY, groupBy: 'week' as const };
    const result = await client.fetchWindow(window);
    expect(result.usage).toEqual(await client.fetchAll('usage', window));
    expect(result.codeReviews).toEqual(await client.fetchAll('code_reviews', window));
    expect(result.codeReviewResponses).toEqual(await client.fetchAll('code_review_responses', window));
    expect(result.codeReviews.length).toBeGreaterThan(0);
    expect(result.codeReviewResponses.length).toBeGreaterThan(0);
    await client.close();
  });

  it('logs one debug line per request with endpoint, status and duration, and never the key', async () => {
    const { client, logger } = makeClient(sim);
    const before = sim.stats().requests;
    await client.fetchAll('code_reviews', { ...lastTwoWeeks, limit: 4 });
    const requests = sim.stats().requests - before;
    const debug = logger.lines.filter((line) => line.level === 'debug');
    expect(debug).toHaveLength(requests);
    expect(debug.map((line) => line.page)).toEqual(Array.from({ length: requests }, (_, i) => i + 1));
    for (const line of debug) {
      expect(line).toMatchObject({ endpoint: 'code_reviews', status: 200 });
      expect(typeof line.durationMs).toBe('number');
    }
    expect(JSON.stringify(logger.lines)).not.toContain(sim.apiKey);
    await client.close();
  });

  it('checks the window before sending anything', async () => {
    const { client } = makeClient(sim);
    const before = sim.stats().requests;
    const old = { startTime: TODAY - 120 * DAY, endTime: TODAY - 100 * DAY };
    await expect(client.fetchAll('usage', old)).rejects.toMatchObject({ code: 'codex_window_invalid' });
    await expect(collectPages(client.usagePagesConcurrent(old))).rejects.toMatchObject({
      code: 'codex_window_invalid',
    });
    await expect(client.fetchWindow(old)).rejects.toMatchObject({ code: 'codex_window_invalid' });
    expect(sim.stats().requests).toBe(before);
    await client.close();
  });
});

describe('cancellation of the concurrent strategy', () => {
  it('an abort mid-stream stops every sub-window with an AbortError', async () => {
    const { client } = makeClient(sim, { concurrency: 4 });
    const controller = new AbortController();
    let pages = 0;
    const run = async () => {
      for await (const _page of client.usagePagesConcurrent(
        { ...lastTwoWeeks, limit: 20 },
        { signal: controller.signal },
      )) {
        if (++pages === 3) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(pages).toBe(3);
    // Nothing keeps paging after the abort.
    const after = sim.stats().requests;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sim.stats().requests).toBe(after);
    await client.close();
  });

  it('stopping early (break) cancels the sub-windows still paging', async () => {
    const { client } = makeClient(sim, { concurrency: 4 });
    let pages = 0;
    for await (const _page of client.usagePagesConcurrent({ ...lastTwoWeeks, limit: 20 })) {
      if (++pages === 2) break;
    }
    const after = sim.stats().requests;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sim.stats().requests).toBe(after);
    await client.close();
  });
});
