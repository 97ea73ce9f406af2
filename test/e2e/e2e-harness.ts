/**
 * The whole bot, for real, on loopback: the Codex API simulator, the real client, the usage warehouse
 * (embedded DuckDB in a temp DATA_DIR, topped up by the first question) under the analytics and command
 * registry (through `openComposition`), the real Bolt app in HTTP mode (through `createSlackEdge`, as `serve`
 * builds it) and the fake Slack Web API. Only the clock is ours: pinned, so figures are stable and
 * every clock.sleep (retries, files.info polling) returns at once.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/env.js';
import { type FakeSlack, startFakeSlack } from '../../src/dev/fake-slack/fake-slack.js';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/start-simulator.js';
import { createBotRegistry } from '../../src/main/bot-registry.js';
import { openDigestRuntime } from '../../src/main/digest-runtime.js';
import { openComposition } from '../../src/main/open-composition.js';
import { createSlackEdge } from '../../src/main/slack-edge.js';
import { systemQuietTimer } from '../../src/slack/quiet-timer.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { type SignedRequest, sendSigned, signedEvent, signedSlashCommand } from '../helpers/slack-signing.js';
import { fileShareStore } from '../helpers/test-share-store.js';

export const SECRET = 'e2e-signing-secret-51c0';
/** Tuesday 10:00 UTC: `last-week` is Mon 16 – Sun 22 Nov 2026, complete. */
export const NOW = new Date('2026-11-24T10:00:00Z');
export const ALICE = 'U0ALICE001';
export const ADMIN = 'U0ADMIN001';
/** What the fake's conversations.open returns for ADMIN. */
export const ADMIN_DM = 'D0ADMIN001';

export type E2e = Awaited<ReturnType<typeof startE2e>>;

export async function startE2e(
  env: Record<string, string> = {},
  options: {
    digests?: boolean;
    /** Sync the warehouse before the bot takes questions (default true). */
    syncFirst?: boolean;
  } = {},
) {
  const clock = createManualClock(NOW);
  const warehouseDir = await mkdtemp(join(tmpdir(), 'e2e-warehouse-'));
  const sim: RunningSimulator = await startSimulator({ users: 200, now: () => clock.now() });
  const fake: FakeSlack = await startFakeSlack();
  fake.users.set(ALICE, { id: ALICE, name: 'alice', email: 'alice@example.com', tz: 'Europe/Paris' });
  fake.users.set(ADMIN, { id: ADMIN, name: 'ada', email: 'ada@example.com', tz: 'UTC' });
  const config = loadConfig(
    {
      CODEX_API_BASE_URL: sim.baseUrl,
      CODEX_API_KEY: sim.apiKey,
      CODEX_WORKSPACE_ID: sim.workspaceId,
      CODEX_API_MAX_RETRIES: '2',
      SLACK_BOT_TOKEN: 'xoxb-e2e-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.url,
      SLACK_BOT_ID: 'B0FAKEBOT1',
      SLACK_BOT_USER_ID: 'U0FAKEBOT1',
      ADMIN_USER_IDS: ADMIN,
      DATA_DIR: warehouseDir,
      WAREHOUSE_THREADS: '1',
      ...env,
    },
    ['codex', 'slack'],
  );
  const logger = createMemoryLogger('debug');
  const c = await openComposition(config, { clock, logger });
  // A first sync before the bot answers, as a running bot's sync schedule gives it (with the API down it
  // fails, and answers then say so). Without it, the first question tops the store up.
  if (options.syncFirst !== false) await c.sync.job.run({ onProgress: () => {} });
  // As `serve` does: the store (embedded, in a temp DATA_DIR) and the digest service behind /codex digest.
  const dataDir = options.digests ? await mkdtemp(join(tmpdir(), 'e2e-data-')) : undefined;
  const digests = dataDir ? await openDigestRuntime(c, { ...config, store: { dataDir } }) : undefined;
  const edge = createSlackEdge(c, config.slack, {
    quietTimer: systemQuietTimer,
    host: '127.0.0.1',
    port: 0,
    registry: createBotRegistry(c, digests?.deps),
    // As `serve`: shares in the digest store; without one, this file's embedded store (opened on first share).
    shares: digests ? digests.store.shares : fileShareStore(),
    // As `serve`: ready while the store answers; without a digest store there is nothing to wait for.
    ready: digests ? () => digests.store.ping() : async () => {},
    ...(digests ? { digests: digests.deps } : {}),
  });
  const { port } = await edge.start();
  const base = `http://127.0.0.1:${port}`;
  const send = (request: SignedRequest) => sendSigned(`${base}/slack/events`, request);

  return {
    sim,
    fake,
    c,
    digests,
    clock,
    logger,
    base,
    send,
    /** Sends `/codex {text}`; resolves with the HTTP ack (status, body) and the answer's response_url. */
    async slash(text: string, fields: { user_id?: string; channel_id?: string } = {}) {
      const responseUrl = fake.responseUrl();
      const res = await send(
        signedSlashCommand({ text, response_url: responseUrl, ...fields }, { secret: SECRET }),
      );
      const raw = await res.text();
      const answeredBeforeAck = fake.responses.some((r) => r.url === responseUrl);
      return {
        status: res.status,
        ack: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
        responseUrl,
        answeredBeforeAck,
      };
    },
    /** The final answer posted to `responseUrl` (the placeholder's replacement, or its deletion). */
    async answer(responseUrl: string, timeoutMs = 20_000) {
      const r = await fake.waitForResponse(
        (x) => x.url === responseUrl && (x.body.replace_original === true || x.body.delete_original === true),
        timeoutMs,
      );
      return r.body;
    },
    async event(event: Record<string, unknown>) {
      const res = await send(signedEvent(event, { secret: SECRET }));
      await res.text();
      return res.status;
    },
    async close() {
      await edge.stop();
      await digests?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
      await c.close();
      await rm(warehouseDir, { recursive: true, force: true });
      await fake.close();
      await sim.close();
    },
  };
}

/** Every text a Slack payload shows, for "does the answer contain X" assertions. */
export function allText(body: Record<string, unknown>): string {
  return JSON.stringify([body.text, body.blocks]);
}

/** A stack trace or a source path leaking into a reply. */
export const STACK_TRACE = /\n\s+at |\.ts:\d+|node_modules/;
