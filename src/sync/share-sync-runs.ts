import type { SyncRun } from '../warehouse/warehouse.js';
import type { SyncJob } from './create-sync-job.js';
import type { SyncProgress } from './run-sync.js';

/**
 * One sync at a time inside a process, shared: a `run` asked for while one is in flight joins it instead
 * of being skipped by the lock (issue 11, part 2: a question's top-up waits for the sync already loading
 * its window). Progress goes to every joined caller's `onProgress`. The scheduler's `runIfDue` passes
 * through (its lock decides), tracked so `settled()` waits for it too. The warehouse lock still keeps
 * other replicas out.
 */
export function shareSyncRuns(job: SyncJob): SyncJob & { settled(): Promise<void> } {
  let inFlight: { result: Promise<SyncRun>; listeners: Set<(p: SyncProgress) => void> } | null = null;
  const scheduled = new Set<Promise<unknown>>();
  return {
    /** Resolves once no run is in flight (how a closing process waits before closing the warehouse). */
    settled: async () => {
      await Promise.allSettled([inFlight?.result, ...scheduled]);
    },
    runIfDue(options) {
      const result = job.runIfDue(options);
      scheduled.add(result);
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
      const result = job.run({
        onProgress: (progress) => {
          for (const listener of listeners) listener(progress);
        },
        ...(signal === undefined ? {} : { signal }),
      });
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
