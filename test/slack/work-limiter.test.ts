import { describe, expect, it } from 'vitest';
import { MAX_HOLD_TURNS } from '../../src/slack/when-quiet.js';
import { createWorkLimiter } from '../../src/slack/work-limiter.js';
import { gate } from './edge-harness.js';

describe('createWorkLimiter', () => {
  it('runs at most N tasks at once, starts the rest in arrival order, and passes errors through', async () => {
    const limiter = createWorkLimiter(2, () => 0);
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
    const limiter = createWorkLimiter(0, () => 0);
    const g = gate();
    const all = Array.from({ length: 10 }, () => limiter.run(() => g.promise));
    await Promise.resolve();
    expect(limiter.queued).toBe(0);
    g.open();
    await Promise.all(all);
  });

  it('holds a start while requests keep arriving, and starts in the first turn after none came', async () => {
    let arrivals = 0;
    const limiter = createWorkLimiter(1, () => arrivals);
    let started = false;
    const done = limiter.run(async () => {
      started = true;
    });
    // A request arrives before each of the limiter's next three checks: each one holds the start.
    for (let turn = 1; turn <= 3; turn += 1) {
      arrivals += 1;
      await nextTurn();
      expect(started).toBe(false);
    }
    await nextTurn(); // nothing new since the last check
    expect(started).toBe(true);
    await done;
  });

  it('holds a start at most MAX_HOLD_TURNS turns under a steady stream of requests', async () => {
    let arrivals = 0;
    const limiter = createWorkLimiter(1, () => arrivals);
    let started = false;
    const done = limiter.run(async () => {
      started = true;
    });
    let held = 0;
    while (!started && held <= MAX_HOLD_TURNS + 1) {
      arrivals += 1;
      await nextTurn();
      if (!started) held += 1;
    }
    expect(started).toBe(true);
    expect(held).toBe(MAX_HOLD_TURNS);
    await done;
  });
});

/** Resolves in the check phase of the next loop turn. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
