/**
 * A local stand-in for the Codex enterprise Analytics API (/work/shared/docs/codex-analytics-api.md):
 * same paths, auth, query parameters, envelope, errors and row shapes, with deterministic, realistic data
 * generated on demand for any number of users, plus fault injection for client tests.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_API_KEY, DEMO_WORKSPACE_ID } from '../../config/env.js';
import type { Logger } from '../../logger.js';
import { dayOf } from './calendar.js';
import { createFaultInjector, type FailStatus, type SimulatorFaults } from './fault-injector.js';
import { createSimulatedOrg } from './simulated-org.js';
import { createSimulatorData } from './simulator-data.js';
import { API_PREFIX, createSimulatorHandler } from './simulator-handler.js';
import { createSimulatorStats, type StatsSnapshot } from './simulator-stats.js';

export type { SimulatorFaults } from './fault-injector.js';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Simulated users, default 200. */
  users?: number;
  /** Data seed, default 'codex-pulse': same seed and `now` → same bytes. */
  seed?: string;
  /** Accepted bearer key, default DEMO_API_KEY. */
  apiKey?: string;
  /** The one existing workspace, default DEMO_WORKSPACE_ID. */
  workspaceId?: string;
  /**
   * The simulated current time, always from the caller (the CLI passes its clock; tests a fixed instant):
   * no default, so no test can come to depend on the day it runs (issue #9). History is anchored to it.
   */
  now: () => Date;
  /** The day the org adopted Codex (no rows before it); default DEFAULT_ORG_START, a fixed calendar day. */
  orgStart?: Date;
  /** Spikes and drops to inject: usage on `day` (YYYY-MM-DD, UTC) times `factor` (see SimulatedOrg). */
  dayFactors?: readonly { day: string; factor: number }[];
  faults?: SimulatorFaults;
  logger?: Logger;
}

export interface RunningSimulator {
  /** http://127.0.0.1:PORT */
  url: string;
  /** url + '/v1/analytics/codex': what CODEX_API_BASE_URL is set to. */
  baseUrl: string;
  apiKey: string;
  workspaceId: string;
  stats(): StatsSnapshot;
  setFaults(faults: SimulatorFaults): void;
  /** Deterministic faults for tests: the next `count` requests answer `status` (429 with Retry-After: retryAfterSeconds, default 1). */
  failNext(fault: { status: FailStatus; count?: number; retryAfterSeconds?: number }): void;
  /** The next `count` responses carry one malformed row (a field of the wrong type, e.g. totals.credits = "lots"). */
  malformNext(count?: number): void;
  /**
   * Injects a spike (factor > 1) or drop into a UTC day (YYYY-MM-DD) while running, as `dayFactors` does
   * at start: the next sync that pulls the day reads it as the API restating it (the playground's
   * "sync with a spike", issue 13).
   */
  setDayFactor(day: string, factor: number): void;
  /**
   * Stops listening (every request then finds the connection refused, as with an API that is down) or
   * listens again on the same port: the playground's "stop the Codex API" (issue 11, Done when).
   */
  setRunning(running: boolean): Promise<void>;
  close(): Promise<void>;
}

const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => 'error' as ReturnType<Logger['getLevel']>,
  setName: () => {},
};

/** Starts the simulator and resolves once it listens. */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const users = options.users ?? 200;
  if (!Number.isInteger(users) || users < 1)
    throw new RangeError(`users must be a positive integer, got ${users}`);
  const seed = options.seed ?? 'codex-pulse';
  const apiKey = options.apiKey ?? DEMO_API_KEY;
  const workspaceId = options.workspaceId ?? DEMO_WORKSPACE_ID;
  const logger = options.logger ?? silentLogger;
  const dayFactors = new Map(
    (options.dayFactors ?? []).map((f) => [dayOf(Date.parse(`${f.day}T00:00:00Z`) / 1000), f.factor]),
  );
  const org = createSimulatedOrg({
    seed,
    users,
    now: options.now,
    ...(options.orgStart ? { orgStart: options.orgStart } : {}),
    dayFactors,
  });
  const faults = createFaultInjector(seed, options.faults);
  const stats = createSimulatorStats();
  const data = createSimulatorData(org);
  const handler = createSimulatorHandler({
    data,
    apiKey,
    workspaceId,
    faults,
    stats,
    logger,
    delay: (ms) => sleep(ms),
  });
  const server = createServer(handler);
  const host = options.host ?? '127.0.0.1';
  const listen = (on: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(on, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      // Keep-alive sockets would hold close() open until they time out.
      server.closeAllConnections();
    });
  await listen(options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.info('Codex Analytics API simulator listening', { url, users, seed });
  return {
    url,
    baseUrl: `${url}${API_PREFIX}`,
    apiKey,
    workspaceId,
    stats: () => stats.snapshot(),
    setFaults: (next) => faults.set(next),
    failNext: (fault) => faults.failNext(fault),
    malformNext: (count) => faults.malformNext(count),
    setDayFactor: (day, factor) => {
      const parsed = Date.parse(`${day}T00:00:00Z`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(parsed) || !(factor > 0))
        throw new RangeError(`setDayFactor expects YYYY-MM-DD and a positive factor, got ${day} × ${factor}`);
      const number = dayOf(parsed / 1000);
      dayFactors.set(number, factor);
      data.restate(number);
    },
    async setRunning(running) {
      if (running === server.listening) return;
      if (running) await listen(port);
      else await stop();
      logger.info(
        running ? 'Codex Analytics API simulator restarted' : 'Codex Analytics API simulator stopped',
        {
          url,
        },
      );
    },
    close: async () => {
      if (server.listening) await stop();
    },
  };
}
