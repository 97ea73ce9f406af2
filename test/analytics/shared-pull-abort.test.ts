/**
 * A shared window pull stops when everyone waiting on it has given up, and runs on while anyone still
 * waits (issue 9: past the answer deadline the person was told, but the pull ran on in the background).
 * Real client, real simulator with 200 ms of latency per request so the pull is in flight when the
 * caller gives up; the requests are counted by the undici dispatcher the client sends them through.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/start-simulator.js';
import { trackedAgent } from '../helpers/tracked-agent.js';
import { analyticsFor, DAY, NOW, TODAY } from './analytics-harness.js';

// Seven one-day sub-windows: more than the client pages at once, so a pull takes two rounds of requests.
const window = { start: TODAY - 7 * DAY, end: TODAY };
const options = { bucket: 'day', surface: null } as const;

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ now: () => NOW, users: 40, faults: { latencyMs: 200 } });
});
afterAll(() => sim.close());

const agents: Array<ReturnType<typeof trackedAgent>> = [];
afterEach(async () => {
  for (const agent of agents.splice(0)) await agent.close();
});

function setup() {
  const agent = trackedAgent();
  agents.push(agent);
  return { agent, ...analyticsFor(sim, { dispatcher: agent.dispatcher }) };
}

/** How many requests one pull of `window` takes (a fresh cache, nobody giving up). */
async function requestsOfOnePull(): Promise<number> {
  const { agent, analytics } = setup();
  await analytics.usage(window, options);
  return agent.counts.started;
}

describe('a shared window pull', () => {
  it('stops when its only asker gives up: every request in flight is aborted, none answered', async () => {
    const { agent, analytics } = setup();
    const asker = new AbortController();
    const asked = analytics.usage(window, { ...options, signal: asker.signal });
    await agent.started(1);
    asker.abort();
    await expect(asked).rejects.toMatchObject({ name: 'AbortError' });
    await agent.idle();
    expect(agent.counts.started).toBeGreaterThan(0);
    expect(agent.counts).toMatchObject({ answered: 0, failed: 0, aborted: agent.counts.started });
  });

  it('is not handed to the next asker once stopped: a fresh pull answers them', async () => {
    const { agent, analytics } = setup();
    const asker = new AbortController();
    const asked = analytics.usage(window, { ...options, signal: asker.signal });
    await agent.started(1);
    asker.abort();
    await expect(asked).rejects.toMatchObject({ name: 'AbortError' });
    const stopped = agent.counts.started;
    const next = await analytics.usage(window, { ...options, signal: new AbortController().signal });
    expect(next.adoption.activeUsers).toBeGreaterThan(0);
    expect(agent.counts.started - stopped).toBe(await requestsOfOnePull());
  });

  it('runs on while another asker still waits, and both shared the one pull', async () => {
    const { agent, analytics } = setup();
    const first = new AbortController();
    const second = new AbortController();
    const gaveUp = analytics.usage(window, { ...options, signal: first.signal });
    const waits = analytics.usage(window, { ...options, signal: second.signal });
    await agent.started(1);
    first.abort();
    await expect(gaveUp).rejects.toMatchObject({ name: 'AbortError' });
    expect((await waits).adoption.activeUsers).toBeGreaterThan(0);
    expect(agent.counts.aborted).toBe(0);
    expect(agent.counts.started).toBe(await requestsOfOnePull());
  });

  it('runs on for a caller without a signal (as scheduled digests ask) after every person gave up', async () => {
    const { agent, analytics } = setup();
    const person = new AbortController();
    const gaveUp = analytics.usage(window, { ...options, signal: person.signal });
    const patient = analytics.usage(window, options);
    await agent.started(1);
    person.abort();
    await expect(gaveUp).rejects.toMatchObject({ name: 'AbortError' });
    expect((await patient).adoption.activeUsers).toBeGreaterThan(0);
    expect(agent.counts.aborted).toBe(0);
  });

  it('stops both Code Review pulls when their only asker gives up', async () => {
    const { agent, analytics } = setup();
    const person = new AbortController();
    const asked = analytics.reviews(window, { bucket: 'day', signal: person.signal });
    await agent.started(1);
    person.abort();
    await expect(asked).rejects.toMatchObject({ name: 'AbortError' });
    await agent.idle();
    expect(agent.counts).toMatchObject({ answered: 0, aborted: agent.counts.started });
  });
});
