/**
 * One computation several callers wait on, aborted only when nobody waits for it any more (issue 9: the
 * answer deadline told the person, but the shared API pull behind the answer ran on in the background).
 * Each caller joins with its own signal: aborting it ends that caller's wait at once; the computation's
 * signal aborts when the last waiting caller gives up. A caller without a signal never gives up, so work
 * a scheduled digest waits for always finishes. Used by the window cache (ttl-cache.ts) and identical
 * Slack answers (shared-answers.ts).
 */
import { abortError } from './abort-error.js';

export interface SharedWork<T> {
  /** The computation's own outcome (an AbortError once abandoned). Handled: never an unhandled rejection. */
  readonly result: Promise<T>;
  /** Waits for the result as one more caller; `signal` ends only this wait, unless it is the last one. */
  join(signal: AbortSignal | undefined): Promise<T>;
  /** Everyone waiting gave up and the computation's signal was aborted: nobody may join it any more. */
  readonly abandoned: boolean;
}

/**
 * Starts `compute` at once with a signal of its own. `onAbandoned` runs when the last waiting caller
 * gives up, just before that signal aborts (callers drop the entry so the next asker starts afresh).
 */
export function startSharedWork<T>(
  compute: (signal: AbortSignal) => Promise<T>,
  onAbandoned: () => void,
): SharedWork<T> {
  const controller = new AbortController();
  let waiting = 0;
  let settled = false;
  let result: Promise<T>;
  try {
    result = compute(controller.signal);
  } catch (error) {
    result = Promise.reject(error);
  }
  const markSettled = () => {
    settled = true;
  };
  result.then(markSettled, markSettled);

  return {
    result,
    get abandoned() {
      return controller.signal.aborted;
    },
    join(signal) {
      if (signal?.aborted) return Promise.reject(abortError(signal));
      waiting += 1;
      // Patient callers hold their place for good: the count only matters until the result settles.
      if (signal === undefined) return result;
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => {
          waiting -= 1;
          if (waiting === 0 && !settled) {
            onAbandoned();
            controller.abort(signal.reason);
          }
          reject(abortError(signal));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        result.then(
          (value) => {
            signal.removeEventListener('abort', onAbort);
            resolve(value);
          },
          (error: unknown) => {
            signal.removeEventListener('abort', onAbort);
            reject(error);
          },
        );
      });
    },
  };
}
