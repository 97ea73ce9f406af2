/**
 * Scheduled digests for real, on loopback: the Codex API simulator, the real client and analytics
 * (through `compose`), a real store (embedded DuckDB, or PostgreSQL), the fake Slack Web API and the
 * digest service. Only the clock is ours — manual, so pacing, retries and leases never sleep.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/env.js';
import { type FakeSlack, type FakeSlackCall, startFakeSlack } from '../../src/dev/fake-slack/fake-slack.js';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/start-simulator.js';
import { createDigestService, type DigestServiceDeps } from '../../src/digests/create-digest-service.js';
import { createDigestSlackClient } from '../../src/digests/digest-slack-client.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { openComposition } from '../../src/main/open-composition.js';
import type { NewSubscription, Store } from '../../src/store/store-types.js';
import { type Backend, embeddedBackend } from '../store/store-backends.js';

/** Monday 23 Nov 2026, 08:00 UTC = 09:00 in Europe/Berlin (CET): the digest covers Mon 16 – Sun 22 Nov. */
export const NOW = new Date('2026-11-23T08:00:00Z');
/** Unix seconds of Monday 16 Nov 2026 00:00 UTC: the period delivered at NOW. */
export const PERIOD = Date.UTC(2026, 10, 16) / 1000;
export const OWNER = 'U0OWNER001';
/** Where subscriptions are created: well before anything is due. */
const CREATED = new Date('2026-11-01T00:00:00Z');

export type LogLine = Record<string, unknown>;

/** A logger keeping its lines, with hooks that see each line as it is written (to act mid-delivery). */
export function hookedLogger(): Logger & { lines: LogLine[]; hooks: Array<(line: LogLine) => void> } {
  const lines: LogLine[] = [];
  const hooks: Array<(line: LogLine) => void> = [];
  const logger = createLogger({
    level: 'debug',
    write: (raw) => {
      const line = JSON.parse(raw) as LogLine;
      lines.push(line);
      for (const hook of hooks) hook(line);
    },
  });
  return Object.assign(logger, { lines, hooks });
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export async function startHarness(options: { backend?: Backend; fakeSlack?: FakeSlack } = {}) {
  const clock = createManualClock(NOW);
  const logger = hookedLogger();
  const backend = options.backend ?? embeddedBackend();
  await backend.setUp();
  const store = await backend.open({ clock, logger });
  const sim: RunningSimulator = await startSimulator({ users: 120, now: () => clock.now() });
  // Message ts follow the test clock, as Slack's follow real time: a resume reads history from the due time.
  const fake = options.fakeSlack ?? (await startFakeSlack({ now: () => clock.now() }));
  fake.users.set(OWNER, { id: OWNER, name: 'owner' });
  const warehouseDir = await mkdtemp(join(tmpdir(), 'digest-warehouse-'));
  const config = loadConfig({
    CODEX_API_BASE_URL: sim.baseUrl,
    CODEX_API_KEY: sim.apiKey,
    CODEX_WORKSPACE_ID: sim.workspaceId,
    CODEX_API_MAX_RETRIES: '1',
    DATA_DIR: warehouseDir,
    WAREHOUSE_THREADS: '1',
  });
  const c = await openComposition(config, { clock, logger });
  const slack = createDigestSlackClient({
    token: 'xoxb-digest-test',
    apiUrl: fake.url,
    logger,
    metrics: c.metrics,
  });
  const stores: Store[] = [store];

  const h = {
    clock,
    logger,
    backend,
    store,
    sim,
    fake,
    c,
    slack,
    /** A digest service over the shared composition; each gets its own workerId. */
    service(workerId: string, overrides: Partial<DigestServiceDeps> = {}) {
      return createDigestService({
        store,
        analytics: c.analytics,
        renderChart: c.renderChart,
        slack,
        clock,
        logger,
        metrics: c.metrics,
        workerId,
        codexRetryDelaysMs: [1_000, 2_000],
        ...overrides,
      });
    },
    /** Another store instance on the same database (PostgreSQL replicas). */
    async openReplica(): Promise<Store> {
      const replica = await backend.open({ clock, logger });
      stores.push(replica);
      return replica;
    },
    /**
     * Closes the harness's own store for good: DuckDB lets one process at a time open its file, so
     * a test handing it to a child worker process opens its own stores (backend.open) around it.
     */
    async closeStore() {
      stores.splice(stores.indexOf(store), 1);
      await store.close();
    },
    /** Creates a subscription (stamped long before NOW, so it is due), in `target` (default: the harness's). */
    async subscribe(fields: Partial<NewSubscription> & { channelId: string }, target: Store = store) {
      const saved = clock.now();
      clock.set(CREATED);
      try {
        return await target.subscriptions.create({
          teamId: 'T0FAKE0001',
          ownerUserId: OWNER,
          day: 'mon',
          time: '09:00',
          timeZone: 'Europe/Berlin',
          style: 'standard',
          cadence: 'weekly',
          ...fields,
        });
      } finally {
        clock.set(saved);
      }
    },
    /** chat.postMessage calls (accepted or not) in `channel`. */
    posts(channel: string): FakeSlackCall[] {
      return fake.calls.filter(
        (call) => call.method === 'chat.postMessage' && call.params.channel === channel,
      );
    },
    async close() {
      await Promise.all(stores.map((s) => s.close()));
      await c.close();
      await rm(warehouseDir, { recursive: true, force: true });
      await fake.close();
      await sim.close();
      await backend.tearDown();
    },
  };
  return h;
}
