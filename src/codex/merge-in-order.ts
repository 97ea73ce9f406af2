/**
 * Runs ordered page sources ("lanes", one per sub-window) with bounded concurrency and yields their
 * pages in lane order: lane i's pages stream out as soon as lanes 0..i-1 are fully yielded.
 *
 * Memory stays bounded when the caller streams: lanes stop fetching while `maxBufferedRows` rows wait
 * in buffers or are on their way — a page in flight counts as the average page seen so far, since a
 * sync's page holds a whole day and six of them landing at once were most of its peak RSS (issue 11,
 * bench/warehouse-sync.ts) — and pages of lanes the consumer has not reached are compacted (kept as raw
 * bytes). The first wave (one fetch per lane) starts before any page size is known: a backfill's
 * oldest days are its smallest. The head lane (the one being yielded) may always read one page ahead
 * of the consumer, so the merge cannot deadlock. Worst case held at once after the first wave:
 * maxBufferedRows + about one page in flight + one head page.
 *
 * A consumer that keeps rows after they are yielded (the sync holds a batch of days, then writes it)
 * says how many through `heldRows`, and they count against the same budget: otherwise the lanes fill
 * the whole budget again behind every batch being written, and the pull runs a budget ahead of the
 * writes (issue 11: a 20,000-user backfill's peak was pages waiting while days were written).
 *
 * The first failure of any lane aborts the rest and is thrown at once (not when its turn comes).
 */
import { abortError } from '../abort-error.js';

/** Limits of one merge. */
export interface MergeOptions {
  /** Lanes fetching at the same time. */
  concurrency: number;
  /** Rows buffered in lanes not yet reachable by the consumer, before those lanes pause. */
  maxBufferedRows: number;
  /**
   * Rows the consumer still holds of what it was yielded (not yet written, or being written), counted
   * against `maxBufferedRows`. Read whenever a lane may fetch; the merge looks again each time the consumer
   * asks for the next page or returns from `onLaneDone`, so release rows before either. Default: none.
   */
  heldRows?: (() => number) | undefined;
  signal?: AbortSignal | undefined;
  /**
   * Awaited once lane `index` has yielded its last page, before any page of the next lane is turned into
   * rows: the consumer can finish with that lane's rows (the sync writes its day) first.
   */
  onLaneDone?: ((index: number) => Promise<void> | void) | undefined;
}

/** A page as a lane delivers it: its size at once, its rows on demand (see FetchedPage). */
export interface LazyPage<T> {
  readonly count: number;
  /** Drops whatever can be rebuilt, while the page waits in a buffer. */
  compact(): void;
  rows(): T[];
}

/** A lane: given the merge's signal, pages in order. */
export type PageSource<T> = (signal: AbortSignal) => AsyncIterable<LazyPage<T>>;

interface Lane<T> {
  queue: LazyPage<T>[];
  done: boolean;
}

/** Yields every page of `sources` in order (see the module comment for scheduling and memory). */
export async function* mergeInOrder<T>(
  sources: readonly PageSource<T>[],
  options: MergeOptions,
): AsyncGenerator<T[], void, undefined> {
  const lanes: Lane<T>[] = sources.map(() => ({ queue: [], done: false }));
  const controller = new AbortController();
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const wake of [...waiters]) wake();
  };
  const changed = () =>
    new Promise<void>((resolve) => {
      const wake = () => {
        waiters.delete(wake);
        resolve();
      };
      waiters.add(wake);
    });
  const onCallerAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  controller.signal.addEventListener('abort', notify, { once: true });

  let head = 0;
  let buffered = 0;
  let nextToStart = 0;
  let failure: { error: unknown } | undefined;
  const running = new Set<Promise<void>>();

  let inFlight = 0;
  let pagesSeen = 0;
  let rowsSeen = 0;
  /** Rows expected from the fetches under way: the average page so far (none known before the first). */
  const reserved = () => (pagesSeen === 0 ? 0 : (inFlight * rowsSeen) / pagesSeen);
  // Any lane may fetch within the budget; the head may also fetch whenever it is not ahead of the
  // consumer, so it always progresses (no deadlock) and a full budget never stalls the whole merge.
  const held = options.heldRows ?? (() => 0);
  const mayFetch = (index: number, lane: Lane<T>) =>
    buffered + reserved() + held() < options.maxBufferedRows || (index === head && lane.queue.length === 0);

  const run = async (index: number, source: PageSource<T>, lane: Lane<T>): Promise<void> => {
    try {
      const iterator = source(controller.signal)[Symbol.asyncIterator]();
      for (;;) {
        while (!mayFetch(index, lane) && !controller.signal.aborted) await changed();
        if (controller.signal.aborted) {
          await iterator.return?.();
          return;
        }
        inFlight++;
        let next: IteratorResult<LazyPage<T>>;
        try {
          next = await iterator.next();
        } finally {
          inFlight--;
          notify();
        }
        if (next.done) return;
        if (index !== head) next.value.compact();
        lane.queue.push(next.value);
        buffered += next.value.count;
        pagesSeen++;
        rowsSeen += next.value.count;
        notify();
      }
    } catch (error) {
      failure ??= { error };
      controller.abort(error);
    } finally {
      lane.done = true;
    }
  };

  function startNext(): void {
    while (!controller.signal.aborted && nextToStart < sources.length && running.size < options.concurrency) {
      const index = nextToStart++;
      const source = sources[index];
      const lane = lanes[index];
      if (!source || !lane) return;
      // A finished lane frees its slot for the next sub-window, then wakes the consumer.
      const task: Promise<void> = run(index, source, lane).finally(() => {
        running.delete(task);
        startNext();
        notify();
      });
      running.add(task);
    }
  }

  try {
    startNext();
    while (head < lanes.length) {
      if (failure) throw failure.error;
      if (options.signal?.aborted) throw abortError(options.signal);
      const lane = lanes[head];
      if (!lane) break;
      const page = lane.queue.shift();
      if (page) {
        buffered -= page.count;
        notify();
        yield page.rows();
        // The consumer is back for more: it may have let go of rows it held (heldRows).
        notify();
      } else if (lane.done) {
        await options.onLaneDone?.(head);
        head++;
        notify();
      } else {
        await changed();
      }
    }
  } finally {
    // Consumer finished, failed or stopped early: stop every lane and let in-flight requests settle.
    options.signal?.removeEventListener('abort', onCallerAbort);
    if (!controller.signal.aborted) controller.abort(new DOMException('merge closed', 'AbortError'));
    await Promise.allSettled([...running]);
  }
}
