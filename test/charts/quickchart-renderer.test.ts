import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runInNewContext } from 'node:vm';
import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChartRenderer } from '../../src/charts/chart-renderer.js';
import { createLocalRenderer } from '../../src/charts/local-renderer.js';
import { createQuickChartRenderer } from '../../src/charts/quickchart-renderer.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { stackedWeeklySpec, topUsersSpec } from './sample-specs.js';

/** Plays QuickChart on 127.0.0.1: records each POST /chart and answers with what the test scripts. */
interface Recorded {
  path: string;
  body: Record<string, unknown>;
}
let server: Server;
let port: number;
let received: Recorded[] = [];
let answer: (req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>) => void;
const local = createLocalRenderer({ logger: createMemoryLogger() });

/** Any hostname resolves to our loopback server, so "public" names reach it over real HTTP. */
const loopback = new Agent({
  connect: {
    lookup: (_host, options, callback) =>
      options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4),
  },
});

async function renderPngFor(body: Record<string, unknown>): Promise<Buffer> {
  // The chart arrives as a JavaScript object literal (quickchart-js stringifies it): evaluate it sandboxed.
  const config = runInNewContext(`(${String(body.chart)})`);
  const result = await local.render({
    ...topUsersSpec,
    width: Number(body.width),
    height: Number(body.height),
    config,
  });
  if (result.kind !== 'png') throw new Error('local renderer gave no png');
  return result.png;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      received.push({ path: `${req.method} ${req.url}`, body });
      answer(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await loopback.close();
});
beforeEach(() => {
  received = [];
  answer = (_req, res, body) => {
    void renderPngFor(body).then((png) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
  };
});

describe('QuickChart renderer', () => {
  it('POSTs to a self-hosted (private) QuickChart and returns its PNG even for a short chart', async () => {
    const renderer = createChartRenderer(
      { renderer: 'quickchart', quickchartUrl: `http://127.0.0.1:${port}` },
      { logger: createMemoryLogger() },
    );
    const spec = stackedWeeklySpec(12);
    const result = await renderer.render(spec);
    expect(result).toMatchObject({ kind: 'png', width: 1600, height: 800 });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.path).toBe('POST /chart');
    expect(request?.body).toMatchObject({
      version: '4',
      width: 800,
      height: 400,
      devicePixelRatio: 2,
      backgroundColor: 'white',
      format: 'png',
    });
    expect(runInNewContext(`(${String(request?.body.chart)})`)).toEqual(spec.config);
  });

  it('on a public host: a URL when it fits, the PNG by POST when it does not or when asked', async () => {
    const renderer = createQuickChartRenderer(
      { baseUrl: `http://charts.example.com:${port}` },
      { logger: createMemoryLogger(), dispatcher: loopback },
    );
    const short = await renderer.render(stackedWeeklySpec(12));
    expect(short.kind).toBe('url');
    expect(short.kind === 'url' && short.url.startsWith(`http://charts.example.com:${port}/chart?c=`)).toBe(
      true,
    );
    expect(received).toHaveLength(0);

    expect(await renderer.render(stackedWeeklySpec(40))).toMatchObject({
      kind: 'png',
      width: 1600,
      height: 800,
    });
    expect(await renderer.render(stackedWeeklySpec(12), { preferPng: true })).toMatchObject({ kind: 'png' });
    expect(received).toHaveLength(2);
  });

  it('a 200 that is not a PNG fails with chart_render_failed, without retrying', async () => {
    answer = (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>rate limited</html>');
    const renderer = createQuickChartRenderer(
      { baseUrl: `http://127.0.0.1:${port}` },
      { logger: createMemoryLogger() },
    );
    await expect(renderer.render(topUsersSpec)).rejects.toMatchObject({
      code: 'chart_render_failed',
      cause: expect.objectContaining({ message: expect.stringContaining('not a PNG') }),
    });
    expect(received).toHaveLength(1);
  });

  it('a 500 is retried once, then fails with chart_render_failed', async () => {
    answer = (_req, res) => res.writeHead(500).end('boom');
    const logger = createMemoryLogger();
    const renderer = createQuickChartRenderer({ baseUrl: `http://127.0.0.1:${port}` }, { logger });
    await expect(renderer.render(topUsersSpec)).rejects.toMatchObject({ code: 'chart_render_failed' });
    expect(received).toHaveLength(2);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
  });

  it('a 503 followed by a PNG succeeds on the retry', async () => {
    const first = answer;
    answer = (_req, res) => {
      answer = first;
      res.writeHead(503).end();
    };
    const renderer = createQuickChartRenderer(
      { baseUrl: `http://127.0.0.1:${port}` },
      { logger: createMemoryLogger() },
    );
    expect(await renderer.render(topUsersSpec)).toMatchObject({ kind: 'png', width: 1600, height: 1000 });
    expect(received).toHaveLength(2);
  });

  it("the caller's abort signal stops a hanging request without a retry", async () => {
    const controller = new AbortController();
    answer = () => controller.abort(); // the server got the request and never answers
    const renderer = createQuickChartRenderer(
      { baseUrl: `http://127.0.0.1:${port}` },
      { logger: createMemoryLogger() },
    );
    await expect(renderer.render(topUsersSpec, { signal: controller.signal })).rejects.toMatchObject({
      code: 'chart_render_failed',
    });
    expect(received).toHaveLength(1);
  });

  it('a hanging server times out per attempt (two attempts)', async () => {
    answer = () => {}; // never answers
    const renderer = createQuickChartRenderer(
      { baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 50 },
      { logger: createMemoryLogger() },
    );
    await expect(renderer.render(topUsersSpec)).rejects.toMatchObject({ code: 'chart_render_failed' });
    expect(received).toHaveLength(2);
  });
});
