/**
 * Identical questions get one computation (issue 9, 5.5): a burst of the same `/codex usage` recomputed
 * the same figures, report and chart for every request. Callers that ask with the same key within the
 * same minute on the injected clock share one result (the minute is part of the key, so relative ranges
 * like `7d` resolve alike); failures are forgotten at once. The key is the caller's business: it must
 * hold everything the answer depends on (command text, workspace, audience, timezone).
 */

import type { Clock } from '../clock.js';
import { abortError } from '../codex/abort-error.js';

export interface SharedAnswers<T> {
  /**
   * The shared result for `key`, computing it with `compute` when nobody has. `signal` stops this caller
   * waiting; the computation's own signal aborts only once every caller waiting on it has given up.
   */
  run(key: string, compute: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T>;
  /** Computations started so far (for tests and the bench). */
  readonly computations: number;
}

interface Entry<T> {
  result: Promise<T>;
  controller: AbortController;
  waiting: number;
  settled: boolean;
}

const MINUTE_MS = 60_000;

export function createSharedAnswers<T>(clock: Clock, maxEntries = 64): SharedAnswers<T> {
  const entries = new Map<string, Entry<T>>();
  let computations = 0;
  let currentMinute = Number.NaN;

  return {
    run(key, compute, signal) {
      if (signal.aborted) return Promise.reject(abortError(signal));
      const minute = Math.floor(clock.now().getTime() / MINUTE_MS);
      if (minute !== currentMinute) {
        // Keys carry their minute: entries of earlier minutes can never be asked for again.
        entries.clear();
        currentMinute = minute;
      }
      const fullKey = `${minute}\n${key}`;
      let entry = entries.get(fullKey);
      // Everyone before gave up and it was aborted: this caller starts afresh.
      if (entry?.controller.signal.aborted) entry = undefined;
      if (!entry) {
        const controller = new AbortController();
        computations += 1;
        const fresh: Entry<T> = {
          result: compute(controller.signal),
          controller,
          waiting: 0,
          settled: false,
        };
        entry = fresh;
        entries.set(fullKey, fresh);
        fresh.result.then(
          () => {
            fresh.settled = true;
          },
          () => {
            fresh.settled = true;
            if (entries.get(fullKey) === fresh) entries.delete(fullKey);
          },
        );
        while (entries.size > maxEntries) entries.delete(entries.keys().next().value ?? '');
      }
      return wait(entry, signal);
    },
    get computations() {
      return computations;
    },
  };
}

/** This caller's wait on `entry`: its own abort ends only its wait, unless it was the last one waiting. */
function wait<T>(entry: Entry<T>, signal: AbortSignal): Promise<T> {
  entry.waiting += 1;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      entry.waiting -= 1;
      if (entry.waiting === 0 && !entry.settled) entry.controller.abort(signal.reason);
      reject(abortError(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    entry.result.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        entry.waiting -= 1;
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        entry.waiting -= 1;
        reject(error);
      },
    );
  });
}
