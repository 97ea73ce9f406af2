/**
 * Issue 9, 5.5: commands acked on receipt wait for the burst to end, then go to Bolt a slice per
 * event-loop turn, so a request arriving meanwhile is read between two slices. Time is the test's (a
 * manual quiet timer); a loop turn is a real setImmediate, which runs in the order it was asked for.
 */
import { describe, expect, it } from 'vitest';
import { createBurstGate } from '../../src/slack/burst-gate.js';
import { createReceiptHandoff } from '../../src/slack/receipt-handoff.js';
import { manualQuietTimer } from '../helpers/manual-quiet-timer.js';
import { gate } from './edge-harness.js';

const rule = { quietMs: 5, maxHoldMs: 300 };
const turn = () => new Promise((resolve) => setImmediate(resolve));

function setup(slice = 8) {
  const timer = manualQuietTimer();
  const burst = createBurstGate(timer, rule);
  const batches: Array<Promise<void>> = [];
  const handoff = createReceiptHandoff({ burst, slice, onBatch: (batch) => batches.push(batch) });
  const started: number[] = [];
  const done = gate();
  const add = (n: number) =>
    handoff.add(async () => {
      started.push(n);
      await done.promise;
    });
  return { timer, burst, batches, started, done, add };
}

describe('createReceiptHandoff', () => {
  it('holds commands until the burst is quiet, then hands them over a slice per loop turn', async () => {
    const { timer, burst, batches, started, add } = setup();
    for (let n = 0; n < 20; n += 1) {
      burst.arrived();
      add(n);
    }
    await turn();
    expect(started).toEqual([]);
    timer.advance(rule.quietMs);
    await turn();
    expect(started).toHaveLength(8);
    await turn();
    expect(started).toHaveLength(16);
    await turn();
    expect(started).toEqual(Array.from({ length: 20 }, (_, n) => n));
    expect(batches).toHaveLength(1);
  });

  it('adds a command acked between two slices to the batch in progress, and settles the batch after all', async () => {
    const { timer, burst, batches, started, done, add } = setup(2);
    for (let n = 0; n < 4; n += 1) {
      burst.arrived();
      add(n);
    }
    timer.advance(rule.quietMs);
    await turn();
    expect(started).toEqual([0, 1]);
    add(4); // acked while the batch is being handed over
    let settled = false;
    void batches[0]?.then(() => {
      settled = true;
    });
    await turn();
    await turn();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(batches).toHaveLength(1);
    await turn();
    expect(settled).toBe(false);
    done.open();
    await turn();
    expect(settled).toBe(true);
  });

  it('starts a new batch for a command acked once the last one was handed over', async () => {
    const { timer, burst, batches, started, done, add } = setup();
    burst.arrived();
    add(0);
    timer.advance(rule.quietMs);
    await turn();
    expect(started).toEqual([0]);
    burst.arrived();
    add(1);
    expect(batches).toHaveLength(2);
    await turn();
    expect(started).toEqual([0]);
    timer.advance(rule.quietMs);
    await turn();
    expect(started).toEqual([0, 1]);
    done.open();
    await Promise.all(batches);
  });
});
