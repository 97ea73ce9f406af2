/**
 * Shared test wiring for the Codex client: a manual clock at a fixed date, a memory logger, and tiny raw
 * node:http servers for the cases the simulator cannot produce (hangs, dropped sockets, broken cursors).
 * Everything runs over real HTTP on 127.0.0.1.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createManualClock } from '../../src/clock.js';
import {
  type CodexClient,
  type CodexClientOptions,
  createCodexClient,
} from '../../src/codex/codex-client.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { testMetrics } from '../helpers/test-metrics.js';

/** The date every Codex test pretends it is (client clock and simulator `now`). */
export const NOW = new Date('2026-11-24T10:00:00Z');
export const DAY = 86_400;
/** 00:00 UTC of NOW's day, Unix seconds. */
export const TODAY = Math.floor(NOW.getTime() / 1000 / DAY) * DAY;

export interface TestClient {
  client: CodexClient;
  clock: ReturnType<typeof createManualClock>;
  logger: ReturnType<typeof createMemoryLogger>;
}

/** A client with a manual clock at NOW (sleeps advance it instantly) and a memory logger. */
export function makeClient(
  target: { baseUrl: string; apiKey?: string; workspaceId?: string },
  overrides: Partial<CodexClientOptions> = {},
): TestClient {
  const clock = createManualClock(NOW);
  const logger = createMemoryLogger('debug');
  const client = createCodexClient({
    baseUrl: target.baseUrl,
    apiKey: target.apiKey ?? 'test-key',
    workspaceId: target.workspaceId ?? 'ws-test',
    clock,
    logger,
    random: () => 0.5,
    metrics: testMetrics(),
    ...overrides,
  });
  return { client, clock, logger };
}

export interface RawServer {
  baseUrl: string;
  requests: string[];
  close(): Promise<void>;
}

/** A raw HTTP server running `handler`; `baseUrl` is what a client takes. Records each request URL. */
export async function startRawServer(
  handler: (req: IncomingMessage, res: ServerResponse, count: number) => void,
): Promise<RawServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    handler(req, res, requests.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1/analytics/codex`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A minimal valid code review row for raw servers. */
export function reviewRow(day: number): Record<string, unknown> {
  return {
    start_time: TODAY - day * DAY,
    end_time: TODAY - (day - 1) * DAY,
    pull_request_reviews: 1,
    comments: 2,
  };
}

/** Drains an async iterable of pages into one array. */
export async function collectPages<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for await (const page of pages) rows.push(...page);
  return rows;
}
