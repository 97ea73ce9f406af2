/**
 * The burst gate (issue 9, 5.5): work behind acks waits until no request has arrived for the quiet
 * interval, and never longer than the maximum hold. Time is the test's (a manual quiet timer).
 */
import { describe, expect, it } from 'vitest';
import { createBurstGate } from '../../src/slack/burst-gate.js';
import { manualQuietTimer } from '../helpers/manual-quiet-timer.js';

const rule = { quietMs: 3, maxHoldMs: 300 };

/** Lets resolved promises run their callbacks. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup() {
  const timer = manualQuietTimer();
  const gate = createBurstGate(timer, rule);
  const started: string[] = [];
  const wait = (name: string) => gate.whenQuiet().then(() => started.push(name));
  return { timer, gate, started, wait };
}

describe('createBurstGate', () => {
  it('lets work through at once when no request came in the quiet interval', async () => {
    const { timer, gate, started, wait } = setup();
    gate.arrived();
    timer.advance(3);
    void wait('work');
    await settle();
    expect(started).toEqual(['work']);
    expect(timer.pending).toBe(0);
  });

  it('holds work while requests keep arriving less than the quiet interval apart, then starts it all', async () => {
    const { timer, gate, started, wait } = setup();
    gate.arrived();
    void wait('first');
    // One request every 2 ms for 40 ms: a gap of one loop turn is not quiet any more, 2 ms is not either.
    for (let ms = 0; ms < 40; ms += 2) {
      timer.advance(2);
      gate.arrived();
      if (ms === 20) void wait('second');
      await settle();
      expect(started).toEqual([]);
    }
    timer.advance(2);
    await settle();
    expect(started).toEqual([]);
    timer.advance(1); // 3 ms since the last request
    await settle();
    expect(started).toEqual(['first', 'second']);
    expect(timer.pending).toBe(0);
  });

  it('starts held work after the maximum hold under a steady stream, each waiter from its own call', async () => {
    const { timer, gate, started, wait } = setup();
    gate.arrived();
    void wait('first');
    for (let ms = 1; ms <= 400; ms += 1) {
      timer.advance(1);
      gate.arrived();
      if (ms === 100) void wait('second');
      await settle();
      if (ms === 299) expect(started).toEqual([]);
      if (ms === 300) expect(started).toEqual(['first']);
      if (ms === 399) expect(started).toEqual(['first']);
    }
    expect(started).toEqual(['first', 'second']);
  });

  it('keeps call order: a caller finding the gate quiet does not overtake work still held', async () => {
    const { timer, gate, started, wait } = setup();
    gate.arrived();
    void wait('held');
    timer.advance(2.5);
    void wait('later');
    timer.advance(0.5);
    await settle();
    expect(started).toEqual(['held', 'later']);
  });
});
