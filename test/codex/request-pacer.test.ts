import { describe, expect, it } from 'vitest';
import { type Clock, createManualClock } from '../../src/clock.js';
import { createRequestPacer } from '../../src/codex/request-pacer.js';

describe('createRequestPacer', () => {
  it('lets N requests a minute through per route, then waits for the oldest to leave the window', async () => {
    const clock = createManualClock(new Date('2026-11-24T10:00:00Z'));
    const pacer = createRequestPacer(3, clock);
    const t0 = clock.now().getTime();
    const startedAt: number[] = [];
    for (let i = 0; i < 7; i++) {
      await pacer.acquire('usage');
      startedAt.push(clock.now().getTime() - t0);
    }
    expect(startedAt).toEqual([0, 0, 0, 60_000, 60_000, 60_000, 120_000]);
  });

  it('keeps routes apart', async () => {
    const clock = createManualClock(new Date(0));
    const pacer = createRequestPacer(1, clock);
    await pacer.acquire('usage');
    await pacer.acquire('code_reviews');
    expect(clock.now().getTime()).toBe(0);
    await pacer.acquire('usage');
    expect(clock.now().getTime()).toBe(60_000);
  });

  it('does not pace at all when the budget is 0', async () => {
    const clock = createManualClock(new Date(0));
    const pacer = createRequestPacer(0, clock);
    for (let i = 0; i < 1000; i++) await pacer.acquire('usage');
    expect(clock.now().getTime()).toBe(0);
  });

  it('gives up its wait when the caller aborts', async () => {
    const clock = createManualClock(new Date(0));
    const pacer = createRequestPacer(1, clock);
    await pacer.acquire('usage');
    const controller = new AbortController();
    controller.abort(new Error('user cancelled'));
    await expect(pacer.acquire('usage', controller.signal)).rejects.toThrow('user cancelled');
  });
});

describe('createRequestPacer refunds', () => {
  it('gives a refunded slot to the next request at once', async () => {
    const clock = createManualClock(new Date(0));
    const pacer = createRequestPacer(2, clock);
    const first = await pacer.acquire('usage');
    await pacer.acquire('usage');
    first.refund();
    first.refund(); // twice is once
    await pacer.acquire('usage');
    expect(clock.now().getTime()).toBe(0);
    await pacer.acquire('usage');
    expect(clock.now().getTime()).toBe(60_000);
  });

  it('wakes a waiting request when a slot is refunded', async () => {
    // A clock whose waits only end by abort: the waiter can only get its slot through the refund.
    const onlyByAbort = (signal?: AbortSignal) =>
      new Promise<void>((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    const clock: Clock = {
      now: () => new Date(0),
      sleep: (_ms, signal) => onlyByAbort(signal),
      until: (_at, signal) => onlyByAbort(signal),
    };
    const pacer = createRequestPacer(1, clock);
    const slot = await pacer.acquire('usage');
    const waiting = pacer.acquire('usage');
    slot.refund();
    await expect(waiting).resolves.toBeDefined();
  });
});
