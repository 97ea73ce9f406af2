/**
 * Cases the simulator cannot produce, against tiny raw HTTP servers: hangs, dropped sockets, refused
 * connections, broken cursors, 403, and cancellation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock.js';
import { CodexApiError, CodexAuthError, CodexContractError } from '../../src/codex/codex-errors.js';
import {
  closedPort,
  collectPages,
  DAY,
  makeClient,
  type RawServer,
  reviewRow,
  startRawServer,
  TODAY,
} from './helpers.js';

const servers: RawServer[] = [];
async function serve(...args: Parameters<typeof startRawServer>): Promise<RawServer> {
  const server = await startRawServer(...args);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const page = (data: unknown[], hasMore: boolean, next: string | null) =>
  JSON.stringify({ object: 'page', data, has_more: hasMore, next_page: next });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('codex client over a raw server', () => {
  it('times out a server that never answers, retries, then reports codex_unreachable', async () => {
    const server = await serve(() => {
      /* never respond */
    });
    const { client, logger } = makeClient(server, { timeoutMs: 150, maxRetries: 1 });
    const error = await failure(client.fetchAll('code_reviews', {}));
    expect(error).toBeInstanceOf(CodexApiError);
    expect(error).toMatchObject({ code: 'codex_unreachable', endpoint: 'code_reviews', status: undefined });
    expect((error as Error).message).toMatch(/\(no answer within 150 ms\) after 2 attempt/);
    expect(server.requests).toHaveLength(2);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    await client.close();
  });

  it('times out a body that stalls after the headers', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"object":"page","data":[');
    });
    const { client } = makeClient(server, { timeoutMs: 150, maxRetries: 0 });
    await expect(client.fetchAll('code_reviews', {})).rejects.toMatchObject({ code: 'codex_unreachable' });
    await client.close();
  });

  it('retries a dropped connection and succeeds', async () => {
    const server = await serve((req, res, count) => {
      if (count === 1) {
        req.socket.destroy();
        return;
      }
      res.end(page([reviewRow(1)], false, null));
    });
    const { client } = makeClient(server);
    const rows = await client.fetchAll('code_reviews', {});
    expect(rows).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
    await client.close();
  });

  it('reports codex_unreachable for a closed port after the retries', async () => {
    const port = await closedPort();
    const { client, clock } = makeClient(
      { baseUrl: `http://127.0.0.1:${port}/v1/analytics/codex` },
      { maxRetries: 2 },
    );
    const started = clock.now().getTime();
    const error = await failure(client.fetchAll('usage', {}));
    expect(error).toMatchObject({ code: 'codex_unreachable', endpoint: 'usage' });
    expect((error as Error).message).toMatch(/ECONNREFUSED.*after 3 attempt/);
    expect((error as Error).cause).toBeDefined();
    // Backoff slept on the injected clock (random 0.5 → 250 ms then 500 ms), not for real.
    expect(clock.now().getTime() - started).toBe(750);
    await client.close();
  });

  it('refuses to loop on a repeated cursor', async () => {
    const server = await serve((_req, res) => res.end(page([reviewRow(1)], true, 'same-cursor')));
    const { client } = makeClient(server);
    const error = await failure(client.fetchAll('code_reviews', {}));
    expect(error).toBeInstanceOf(CodexContractError);
    expect(error).toMatchObject({ code: 'codex_contract', endpoint: 'code_reviews', path: 'next_page' });
    expect((error as Error).message).toMatch(
      /^code_reviews: next_page: the cursor repeats an earlier one \(page 2\)/,
    );
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]).toContain('page=same-cursor');
    await client.close();
  });

  it('rejects has_more: true without a cursor', async () => {
    const server = await serve((_req, res) => res.end(page([reviewRow(1)], true, null)));
    const { client } = makeClient(server);
    await expect(client.fetchAll('code_reviews', {})).rejects.toMatchObject({
      code: 'codex_contract',
      message: 'code_reviews: next_page: has_more is true but next_page is missing (page 1)',
    });
    await client.close();
  });

  it('reports a body that is not JSON as a contract break, without retrying', async () => {
    const server = await serve((_req, res) => res.end('<html>maintenance</html>'));
    const { client } = makeClient(server);
    await expect(client.fetchAll('usage', {})).rejects.toMatchObject({
      code: 'codex_contract',
      message: 'usage: the response body is not JSON',
      status: 200,
    });
    expect(server.requests).toHaveLength(1);
    await client.close();
  });

  it('maps 403 to codex_auth with reason forbidden, reading error.message', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"key lacks scope codex.enterprise.analytics.read"}}');
    });
    const { client } = makeClient(server);
    const error = await failure(client.fetchAll('usage', {}));
    expect(error).toBeInstanceOf(CodexAuthError);
    expect(error).toMatchObject({ code: 'codex_auth', reason: 'forbidden', status: 403, endpoint: 'usage' });
    expect((error as Error).message).toMatch(/key lacks scope codex\.enterprise\.analytics\.read$/);
    expect(server.requests).toHaveLength(1);
    await client.close();
  });

  it('aborts a hanging request at once with an AbortError, without retrying', async () => {
    const server = await serve(() => {
      /* never respond */
    });
    const { client } = makeClient(server, { timeoutMs: 60_000 });
    const controller = new AbortController();
    const pending = failure(client.fetchAll('usage', {}, { signal: controller.signal }));
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const error = await pending;
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(error).not.toBeInstanceOf(CodexApiError);
    expect(server.requests).toHaveLength(1);
    await client.close();
  });

  it('aborts during a backoff sleep, and sends nothing for an already-aborted signal', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    const controller = new AbortController();
    // A clock whose sleep only ends by abort: proves the sleep honours the signal.
    const clock: Clock = {
      now: () => new Date('2026-11-24T10:00:00Z'),
      sleep: (_ms, signal) =>
        new Promise<void>((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
          setImmediate(() => controller.abort(new Error('user pressed stop')));
        }),
      until: () => Promise.reject(new Error('the client never waits for a deadline')),
    };
    const { client } = makeClient(server, { clock });
    const error = await failure(client.fetchAll('usage', {}, { signal: controller.signal }));
    expect(error).toMatchObject({ name: 'AbortError' });
    expect((error as Error).cause).toMatchObject({ message: 'user pressed stop' });
    expect(server.requests).toHaveLength(1);

    await expect(
      collectPages(client.pages('usage', {}, { signal: AbortSignal.abort() })),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(server.requests).toHaveLength(1);
    await client.close();
  });

  it('fetchWindow fails fast on the first error and cancels the pulls still running', async () => {
    const server = await serve((req, res) => {
      if (req.url?.includes('/usage')) return; // hangs: only an abort ends it
      if (req.url?.includes('/code_reviews')) {
        res.writeHead(403);
        res.end('{"detail":"forbidden"}');
        return;
      }
      res.end(page([], false, null));
    });
    const { client } = makeClient(server, { timeoutMs: 60_000 });
    const error = await failure(client.fetchWindow({ startTime: TODAY - 3 * DAY, endTime: TODAY }));
    expect(error).toMatchObject({ code: 'codex_auth', reason: 'forbidden', endpoint: 'code_reviews' });
    // One hanging request per usage sub-window (day), all cancelled rather than left to time out.
    expect(server.requests.filter((url) => url.includes('/usage'))).toHaveLength(3);
    await client.close();
  });
});
