import type { SyncRun } from '../warehouse/warehouse.js';
import type { SyncJob } from './create-sync-job.js';
import type { ScheduledSync, SyncProgress } from './run-sync.js';

type ProgressListener = (progress: SyncProgress) => void;

/**
 * One sync at a time inside a process, shared: a `run` asked for while one is in flight joins it instead
 * of being skipped by the lock (issue 11, part 2: a question's top-up waits for the sync already loading
 * its window). That holds for the scheduler's `runIfDue` too: a `run` asked for while it looks waits for
 * it and, if it synced, returns its run (ok or failed) rather than running again; if it found nothing due
 * or the lock taken by another replica, the `run` then goes ahead (and, the lock still taken, is
 * recorded as skipped). Progress goes to every joined caller's `onProgress`. The warehouse lock still
 * keeps other replicas out.
 */
export function shareSyncRuns(job: SyncJob): SyncJob & { settled(): Promise<void> } {
  let inFlight: { result: Promise<SyncRun>; listeners: Set<ProgressListener> } | null = null;
  const scheduled = new Map<Promise<ScheduledSync>, Set<ProgressListener>>();

  const fanOut = (listeners: Set<ProgressListener>) => (progress: SyncProgress) => {
    for (const listener of listeners) listener(progress);
  };

  /** The scheduled syncs in flight, then this `run` unless one of them synced. */
  async function afterScheduled(
    pending: Promise<ScheduledSync>[],
    listeners: Set<ProgressListener>,
    signal: AbortSignal | undefined,
  ): Promise<SyncRun> {
    for (const outcome of await Promise.allSettled(pending)) {
      if (outcome.status === 'fulfilled' && outcome.value.status === 'ran') return outcome.value.run;
    }
    return job.run({ onProgress: fanOut(listeners), ...(signal === undefined ? {} : { signal }) });
  }

  return {
    /** Resolves once no run is in flight (how a closing process waits before closing the warehouse). */
    settled: async () => {
      await Promise.allSettled([inFlight?.result, ...scheduled.keys()]);
    },
    runIfDue(options) {
      const listeners = new Set([options.onProgress]);
      const result = job.runIfDue({ ...options, onProgress: fanOut(listeners) });
      scheduled.set(result, listeners);
      const clear = () => scheduled.delete(result);
      result.then(clear, clear);
      return result;
    },
    run({ onProgress, signal }) {
      if (inFlight !== null) {
        inFlight.listeners.add(onProgress);
        return inFlight.result;
      }
      const listeners = new Set([onProgress]);
      const pending = [...scheduled.keys()];
      // Callers waiting for the scheduled sync hear its progress, including those who join later.
      for (const waiting of scheduled.values()) waiting.add(fanOut(listeners));
      const result =
        pending.length === 0
          ? job.run({ onProgress: fanOut(listeners), ...(signal === undefined ? {} : { signal }) })
          : afterScheduled(pending, listeners, signal);
      const current = { result, listeners };
      inFlight = current;
      const clear = () => {
        if (inFlight === current) inFlight = null;
      };
      result.then(clear, clear);
      return result;
    },
  };
}
