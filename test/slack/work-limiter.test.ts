import { describe, expect, it } from 'vitest';
import { createBurstGate } from '../../src/slack/burst-gate.js';
import { createWorkLimiter } from '../../src/slack/work-limiter.js';
import { manualQuietTimer } from '../helpers/manual-quiet-timer.js';
import { gate } from './edge-harness.js';

describe('createWorkLimiter', () => {
  it('runs at most N tasks at once, starts the rest in arrival order, and passes errors through', async () => {
    const limiter = createWorkLimiter(2, async () => {});
    const gates = Array.from({ length: 5 }, () => gate());
    const started: number[] = [];
    let running = 0;
    let maxRunning = 0;
    const results = gates.map((g, n) =>
      limiter.run(async () => {
        started.push(n);
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await g.promise;
        running -= 1;
        if (n === 3) throw new Error('task 3 failed');
        return n;
      }),
    );
    // Tasks start from the check phase (after pending I/O): let the first two begin.
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    expect(limiter.queued).toBe(3);
    for (const n of [4, 0, 3, 1, 2]) gates[n]?.open();
    const settled = await Promise.allSettled(results);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : 'failed'))).toEqual([
      0,
      1,
      2,
      'failed',
      4,
    ]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(maxRunning).toBe(2);
    expect(limiter.running).toBe(0);
  });

  it('does not limit with 0', async () => {
    const limiter = createWorkLimiter(0, async () => {});
    const g = gate();
    const all = Array.from({ length: 10 }, () => limiter.run(() => g.promise));
    await Promise.resolve();
    expect(limiter.queued).toBe(0);
    g.open();
    await Promise.all(all);
  });

  it('starts a task only once the burst gate is quiet: not while requests keep arriving', async () => {
    const timer = manualQuietTimer();
    const burst = createBurstGate(timer, { quietMs: 3, maxHoldMs: 300 });
    const limiter = createWorkLimiter(1, () => burst.whenQuiet());
    burst.arrived();
    let started = false;
    const done = limiter.run(async () => {
      started = true;
    });
    // A request every 2 ms holds the start, slot free or not.
    for (let n = 0; n < 10; n += 1) {
      timer.advance(2);
      burst.arrived();
      await nextTurn();
      expect(started).toBe(false);
    }
    expect(limiter.running).toBe(1);
    timer.advance(3);
    await done;
    expect(started).toBe(true);
  });
});

/** Resolves in the check phase of the next loop turn. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
