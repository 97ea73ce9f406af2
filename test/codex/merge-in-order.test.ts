import { describe, expect, it } from 'vitest';
import { type LazyPage, mergeInOrder, type PageSource } from '../../src/codex/merge-in-order.js';

function lazy(rows: string[], tracker?: { compacted: number }): LazyPage<string> {
  return {
    count: rows.length,
    compact: () => {
      if (tracker) tracker.compacted++;
    },
    rows: () => rows,
  };
}

/** A lane of `pages` pages of `size` rows; each page arrives after a few macrotasks, in lane-dependent order. */
function lane(
  id: number,
  pages: number,
  size: number,
  tracker: { produced: number; compacted?: number },
): PageSource<string> {
  return async function* (signal) {
    for (let p = 0; p < pages; p++) {
      // Later lanes are faster, so they finish first and must be held back.
      for (let t = 0; t < 8 - (id % 8); t++) await new Promise((resolve) => setImmediate(resolve));
      if (signal.aborted) throw signal.reason;
      tracker.produced += size;
      yield lazy(
        Array.from({ length: size }, (_, r) => `${id}:${p}:${r}`),
        tracker as { compacted: number },
      );
    }
  };
}

describe('mergeInOrder', () => {
  it('yields every lane in order, whatever order the lanes finish in', async () => {
    const tracker = { produced: 0, compacted: 0 };
    const sources = Array.from({ length: 12 }, (_, id) => lane(id, 3, 2, tracker));
    const rows: string[] = [];
    for await (const page of mergeInOrder(sources, { concurrency: 4, maxBufferedRows: 1000 }))
      rows.push(...page);
    const expected = Array.from({ length: 12 }, (_, id) =>
      Array.from({ length: 3 }, (_, p) => [`${id}:${p}:0`, `${id}:${p}:1`]),
    ).flat(2);
    expect(rows).toEqual(expected);
    // Pages that arrive for a lane the consumer has not reached yet are compacted while they wait.
    expect(tracker.compacted).toBeGreaterThan(0);
    expect(tracker.compacted).toBeLessThan(36);
  });

  it('keeps rows held for a slow consumer within the buffer budget', async () => {
    const tracker = { produced: 0 };
    const size = 10;
    const concurrency = 4;
    const maxBufferedRows = 30;
    const sources = Array.from({ length: 20 }, (_, id) => lane(id, 6, size, tracker));
    let consumed = 0;
    let peakHeld = 0;
    for await (const page of mergeInOrder(sources, { concurrency, maxBufferedRows })) {
      consumed += page.length;
      peakHeld = Math.max(peakHeld, tracker.produced - consumed);
      // A slow consumer: lets the lanes run far ahead if nothing holds them back.
      for (let t = 0; t < 30; t++) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(consumed).toBe(20 * 6 * size);
    // Budget + one in-flight page per lane + the head's one-page read-ahead.
    expect(peakHeld).toBeLessThanOrEqual(maxBufferedRows + concurrency * size + size);
  });

  it('counts pages in flight against the buffer budget, so lanes do not all fetch at once', async () => {
    const size = 10;
    const maxBufferedRows = 30;
    let requested = 0;
    let consumed = 0;
    let peak = 0;
    // Each page is counted from the moment its fetch starts: in flight, then buffered, until consumed.
    // The first wave (a fetch per lane, page sizes unknown) is let through; the peak is taken once its lanes are consumed.
    const source: PageSource<string> = async function* (signal) {
      for (let p = 0; p < 4; p++) {
        requested += size;
        if (consumed >= 8 * 4 * size) peak = Math.max(peak, requested - consumed);
        for (let t = 0; t < 5; t++) await new Promise((resolve) => setImmediate(resolve));
        if (signal.aborted) throw signal.reason;
        yield lazy(Array.from({ length: size }, (_, r) => `${p}:${r}`));
      }
    };
    const sources = Array.from({ length: 20 }, () => source);
    for await (const page of mergeInOrder(sources, { concurrency: 8, maxBufferedRows })) {
      consumed += page.length;
      for (let t = 0; t < 30; t++) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(consumed).toBe(20 * 4 * size);
    // The budget, one fetch that starts just under it, and the head's read-ahead: never 8 pages in flight.
    expect(peak).toBeLessThanOrEqual(maxBufferedRows + 2 * size);
  });

  it('counts rows the consumer still holds against the budget, so lanes do not read a budget ahead of a slow write', async () => {
    // The sync's shape: it keeps a lane's rows until the lane is done, then writes them (slowly) in
    // onLaneDone. Rows are counted from the moment their fetch starts until the consumer lets them go.
    const size = 10;
    const pagesPerLane = 3;
    const lanes = 16;
    const concurrency = 4;
    const maxBufferedRows = 40;
    let requested = 0;
    let released = 0;
    let held = 0;
    let peak = 0;
    const source: PageSource<string> = async function* (signal) {
      for (let p = 0; p < pagesPerLane; p++) {
        requested += size;
        // The first wave (a fetch per lane, page sizes unknown) is let through: measured once it is written.
        if (released >= concurrency * pagesPerLane * size) peak = Math.max(peak, requested - released);
        for (let t = 0; t < 3; t++) await new Promise((resolve) => setImmediate(resolve));
        if (signal.aborted) throw signal.reason;
        yield lazy(Array.from({ length: size }, (_, r) => `${p}:${r}`));
      }
    };
    const onLaneDone = async () => {
      // A write far slower than a fetch: without back-pressure every other lane fills the budget meanwhile.
      for (let t = 0; t < 60; t++) await new Promise((resolve) => setImmediate(resolve));
      released += held;
      held = 0;
    };
    const sources = Array.from({ length: lanes }, () => source);
    const options = { concurrency, maxBufferedRows, onLaneDone, heldRows: () => held };
    for await (const page of mergeInOrder(sources, options)) held += page.length;
    expect(released).toBe(lanes * pagesPerLane * size);
    // The budget (held rows included), one fetch started just under it, and the head's read-ahead: 60
    // here. Not counting held rows, the lanes read a budget beyond the lane being written: 70 here.
    expect(peak).toBeLessThanOrEqual(maxBufferedRows + 2 * size);
  });

  it('awaits onLaneDone after the last page of a lane, before the next lane rows are parsed', async () => {
    const log: string[] = [];
    const source = (id: number): PageSource<string> =>
      async function* () {
        for (let p = 0; p < 2; p++) {
          yield {
            count: 1,
            compact: () => {},
            rows: () => {
              log.push(`rows ${id}`);
              return [`${id}:${p}`];
            },
          };
        }
      };
    const onLaneDone = async (index: number) => {
      await new Promise((resolve) => setImmediate(resolve));
      log.push(`done ${index}`);
    };
    const sources = [source(0), source(1), source(2)];
    for await (const _ of mergeInOrder(sources, { concurrency: 3, maxBufferedRows: 100, onLaneDone })) {
      // drained
    }
    expect(log).toEqual([
      'rows 0',
      'rows 0',
      'done 0',
      'rows 1',
      'rows 1',
      'done 1',
      'rows 2',
      'rows 2',
      'done 2',
    ]);
  });

  it('throws the first lane failure at once and stops the other lanes', async () => {
    const tracker = { produced: 0 };
    const failing: PageSource<string> = async function* () {
      yield lazy(['x']);
      throw new Error('lane 5 broke');
    };
    const sources = Array.from({ length: 40 }, (_, id) => (id === 5 ? failing : lane(id, 50, 1, tracker)));
    const seen: string[] = [];
    await expect(async () => {
      for await (const page of mergeInOrder(sources, { concurrency: 6, maxBufferedRows: 10_000 }))
        seen.push(...page);
    }).rejects.toThrow('lane 5 broke');
    // Lane 0 alone has 50 pages: failing before it is drained means the error was not held back.
    expect(seen.length).toBeLessThan(50);
    expect(tracker.produced).toBeLessThan(40 * 50);
  });

  it('stops with an AbortError when the caller aborts', async () => {
    const tracker = { produced: 0 };
    const controller = new AbortController();
    const sources = Array.from({ length: 10 }, (_, id) => lane(id, 100, 1, tracker));
    let pages = 0;
    const run = async () => {
      for await (const _ of mergeInOrder(sources, {
        concurrency: 3,
        maxBufferedRows: 50,
        signal: controller.signal,
      })) {
        if (++pages === 5) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(pages).toBe(5);
  });
});
