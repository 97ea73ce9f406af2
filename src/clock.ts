/** Time as a dependency: production uses the system clock, tests inject one they control (no sleeping). */
export interface Clock {
  now(): Date;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Resolves once the clock reads `at` or later without moving it — a deadline, not a pause. The system
   * clock sleeps until then; the manual clock resolves when a sleep, set or advance moves it there, so a
   * deadline in a test fires when the work it guards has spent that much time, never by itself. Rejects
   * with the signal's reason when it aborts first.
   */
  until(at: Date, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  until: (at, signal) => systemClock.sleep(Math.max(0, at.getTime() - Date.now()), signal),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** A clock that starts at `start`; `sleep` advances it instantly. For tests and the simulator's data. */
export function createManualClock(start: Date): Clock & { set(date: Date): void; advance(ms: number): void } {
  let current = start.getTime();
  // Pending until() waiters; each time moves, the due ones resolve.
  const waiters = new Set<{ at: number; resolve: () => void }>();
  const moved = () => {
    for (const waiter of waiters) {
      if (waiter.at > current) continue;
      waiters.delete(waiter);
      waiter.resolve();
    }
  };
  return {
    now: () => new Date(current),
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      current += ms;
      moved();
    },
    until: (at, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        if (at.getTime() <= current) return resolve();
        const waiter = {
          at: at.getTime(),
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          waiters.delete(waiter);
          reject(signal?.reason);
        };
        waiters.add(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
    set: (date) => {
      current = date.getTime();
      moved();
    },
    advance: (ms) => {
      current += ms;
      moved();
    },
  };
}
