/**
 * The whole demo stack in-process, as `npm run demo` runs it: the Codex API simulator, the real client
 * and analytics (compose), and the playground (fake Slack + real Bolt app + page) on 127.0.0.1:0. The
 * composition's clock is pinned so figures are stable; request signatures use the wall clock, as Bolt does.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createManualClock, systemClock } from '../../../src/clock.js';
import { loadConfig } from '../../../src/config/env.js';
import { startPlayground } from '../../../src/dev/playground/start-playground.js';
import { startSimulator } from '../../../src/dev/simulator/start-simulator.js';
import { openDigestRuntime } from '../../../src/main/digest-runtime.js';
import { openComposition } from '../../../src/main/open-composition.js';
import { systemQuietTimer } from '../../../src/slack/quiet-timer.js';
import { createMemoryLogger } from '../../helpers/memory-logger.js';

/** Tuesday 10:00 UTC: `last-week` is Mon 16 – Sun 22 Nov 2026, complete. */
export const NOW = new Date('2026-11-24T10:00:00Z');

export type PlaygroundStack = Awaited<ReturnType<typeof startPlaygroundStack>>;

export async function startPlaygroundStack(
  options: { digests?: boolean; alerts?: boolean; codexApi?: boolean; now?: Date } = {},
) {
  const clock = createManualClock(options.now ?? NOW);
  const sim = await startSimulator({ users: 200, now: () => clock.now() });
  const warehouseDir = await mkdtemp(join(tmpdir(), 'playground-warehouse-'));
  const config = loadConfig({
    DATA_DIR: warehouseDir,
    WAREHOUSE_THREADS: '1',
    CODEX_API_BASE_URL: sim.baseUrl,
    CODEX_API_KEY: sim.apiKey,
    CODEX_WORKSPACE_ID: sim.workspaceId,
    // Set on purpose: the playground must never go to Socket Mode, whatever the environment says.
    SLACK_APP_TOKEN: 'xapp-should-be-ignored',
  });
  const logger = createMemoryLogger('info');
  const c = await openComposition(config, { clock, logger });
  // History synced before the first question (issue 11), so the page's first answer reads the
  // warehouse instead of waiting for a backfill.
  const synced = await c.sync.job.run({ onProgress: () => {} });
  if (synced.outcome !== 'ok') throw new Error(`playground: the first sync failed (${synced.errorCode})`);
  const playground = await startPlayground({
    config,
    composition: c,
    // Request signatures are checked by Bolt against the real time, not the bot's clock.
    wallClock: systemClock,
    quietTimer: systemQuietTimer,
    // The simulator above: default seed, 200 users.
    people: { seed: 'codex-pulse', users: 200 },
    port: 0,
    // As `demo` wires it: the real digest service over a scratch store and the playground's fake Slack.
    ...(options.digests ? { openDigests: (sections) => openDigestRuntime(c, sections) } : {}),
    // As `demo` wires it: the in-process simulator restates a day with a spike.
    ...(options.alerts ? { spike: (day: string, factor: number) => sim.setDayFactor(day, factor) } : {}),
    // As `demo` wires it: the in-process simulator stops and starts again.
    ...(options.codexApi ? { setApiRunning: (running: boolean) => sim.setRunning(running) } : {}),
  });
  return {
    url: playground.url,
    c,
    clock,
    logger,
    async close() {
      await playground.close();
      await c.close();
      await rm(warehouseDir, { recursive: true, force: true });
      await sim.close();
    },
  };
}

/** POSTs JSON to the playground the way its page does. */
export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export interface StreamEvent {
  type: string;
  data: Record<string, any>;
}

/**
 * Listens to /api/events like the page does. Resolves once connected (the `reset` arrived), so nothing
 * sent afterwards can be missed; `waitFor` looks at past and future events.
 */
export async function openEvents(url: string) {
  const controller = new AbortController();
  const seen: StreamEvent[] = [];
  const waiters = new Set<{ match: (e: StreamEvent) => boolean; resolve: (e: StreamEvent) => void }>();
  const res = await fetch(`${url}/api/events`, { signal: controller.signal });
  const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
  if (!reader) throw new Error('no event stream');
  let connected!: () => void;
  const ready = new Promise<void>((resolve) => {
    connected = resolve;
  });
  const pump = async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = {
          type: /^event: (.*)$/m.exec(frame)?.[1] ?? 'message',
          data: JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? '{}') as Record<string, any>,
        };
        seen.push(event);
        connected();
        for (const w of [...waiters]) {
          if (!w.match(event)) continue;
          waiters.delete(w);
          w.resolve(event);
        }
      }
    }
  };
  pump().catch(() => undefined); // ends with an AbortError on close()
  await ready;
  return {
    /** Every event so far. */
    seen: () => [...seen],
    waitFor(match: (e: StreamEvent) => boolean, timeoutMs = 20_000): Promise<StreamEvent> {
      const found = seen.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (e: StreamEvent) => {
            clearTimeout(timer);
            resolve(e);
          },
        };
        // Only bounds a test that is already failing.
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `no matching event within ${timeoutMs} ms; seen: ${seen.map((e) => e.type).join(', ')}`,
            ),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () => controller.abort(),
  };
}
