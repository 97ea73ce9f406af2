/**
 * Identical questions get one computation (issue 9, 5.5): a burst of the same `/codex usage` recomputed
 * the same figures, report and chart for every request. Callers that ask with the same key within the
 * same minute on the injected clock share one result (the minute is part of the key, so relative ranges
 * like `7d` resolve alike); failures are forgotten at once. The key is the caller's business: it must
 * hold everything the answer depends on (command text, workspace, audience, timezone).
 */

import { abortError } from '../abort-error.js';
import type { Clock } from '../clock.js';
import { type SharedWork, startSharedWork } from '../shared-work.js';

export interface SharedAnswers<T> {
  /**
   * The shared result for `key`, computing it with `compute` when nobody has. `signal` stops this caller
   * waiting; the computation's own signal aborts only once every caller waiting on it has given up.
   */
  run(key: string, compute: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T>;
  /** Computations started so far (for tests and the bench). */
  readonly computations: number;
}

const MINUTE_MS = 60_000;

export function createSharedAnswers<T>(clock: Clock, maxEntries = 64): SharedAnswers<T> {
  const entries = new Map<string, SharedWork<T>>();
  const drop = (key: string, work: SharedWork<T>) => {
    if (entries.get(key) === work) entries.delete(key);
  };
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
      const shared = entries.get(fullKey);
      // Everyone before gave up and it was aborted: this caller starts afresh (abandoned entries are dropped).
      if (shared && !shared.abandoned) return shared.join(signal);
      computations += 1;
      const work: SharedWork<T> = startSharedWork(compute, () => drop(fullKey, work));
      entries.set(fullKey, work);
      // Failures are forgotten at once: the next asker tries again.
      work.result.catch(() => drop(fullKey, work));
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value ?? '');
      return work.join(signal);
    },
    get computations() {
      return computations;
    },
  };
}
