/**
 * The answer deadline reaches the shared API pull (issue 9): when everyone waiting on a pull has been
 * told "no answer in time", the pull stops; while someone still waits, it runs on. The real Bolt app,
 * a pure `/codex pureusage` over real analytics, the real client and the simulator with 200 ms of
 * latency per request; the deadline fires on the manual clock, the requests are counted by the undici
 * dispatcher the client sends them through.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/start-simulator.js';
import { analyticsFor, DAY, NOW, TODAY } from '../analytics/analytics-harness.js';
import { trackedAgent } from '../helpers/tracked-agent.js';
import { answerOf, startAnswerFlow } from './answer-flow-harness.js';

const window = { start: TODAY - 7 * DAY, end: TODAY };
const DEADLINE_TEXT = "didn't answer in time";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ now: () => NOW, users: 40, faults: { latencyMs: 200 } });
});
afterAll(() => sim.close());

let app: Awaited<ReturnType<typeof startAnswerFlow>> | undefined;
let agent: ReturnType<typeof trackedAgent> | undefined;
afterEach(async () => {
  await app?.close();
  await agent?.close();
  app = undefined;
  agent = undefined;
});

/**
 * The app whose `/codex pureusage …` pulls `window` through analytics with the command's signal;
 * `joined(text)` resolves once the command asked as `text` is waiting on that pull.
 */
async function start() {
  agent = trackedAgent();
  const { analytics } = analyticsFor(sim, { dispatcher: agent.dispatcher });
  const waiting = new Map<string, () => void>();
  app = await startAnswerFlow({
    pureusage: async (inv) => {
      const signal = inv.signal ?? new AbortController().signal;
      // The pull is joined synchronously by this call; only the figures are awaited.
      const asked = analytics.usage(window, { bucket: 'day', surface: null, signal });
      waiting.get(inv.text)?.();
      const view = await asked;
      return answerOf(`Usage: ${view.adoption.activeUsers} active`);
    },
  });
  const joined = (text: string) => new Promise<void>((resolve) => waiting.set(text, resolve));
  return { app, agent, analytics, joined };
}

describe('the answer deadline and the shared pull behind it', () => {
  it('stops the pull once the only person waiting on it has been told', async () => {
    const { app, agent } = await start();
    const answer = app.slash('pureusage');
    await agent.started(1);
    app.clock.advance(10_000);
    expect(String((await answer).text)).toContain(DEADLINE_TEXT);
    await agent.idle();
    expect(agent.counts.started).toBeGreaterThan(0);
    expect(agent.counts).toMatchObject({ answered: 0, failed: 0, aborted: agent.counts.started });
  });

  it('runs the pull on while a question asked later still waits on it, which gets the figures', async () => {
    const { app, agent, joined } = await start();
    const first = app.slash('pureusage');
    await agent.started(1);
    app.clock.advance(5_000);
    // Another question over the same window: its own computation, the same pull (its deadline is 5 s later).
    const secondJoined = joined('pureusage again');
    const second = app.slash('pureusage again');
    await secondJoined;
    app.clock.advance(5_000);
    expect(String((await first).text)).toContain(DEADLINE_TEXT);
    expect(String((await second).text)).toMatch(/Usage: [1-9]\d* active/);
    expect(agent.counts.aborted).toBe(0);
    expect(agent.counts.started).toBe(agent.counts.answered);
  });

  it('runs the pull on for a caller without a deadline (as scheduled digests ask)', async () => {
    const { app, agent, analytics } = await start();
    const person = app.slash('pureusage');
    await agent.started(1);
    const digest = analytics.usage(window, { bucket: 'day', surface: null });
    app.clock.advance(10_000);
    expect(String((await person).text)).toContain(DEADLINE_TEXT);
    expect((await digest).adoption.activeUsers).toBeGreaterThan(0);
    expect(agent.counts.aborted).toBe(0);
  });
});
