/**
 * Bounds the work behind acks (issue 9, 5.5). 200 `/codex` commands at once used to start 200 answers
 * at once: their CPU work shared the one event loop with the HTTP server, so acks took up to 12.7 s
 * (Slack allows 3) and /healthz stalled. At most `limit` tasks run; the rest wait their turn, first come
 * first served, and still run — a queued answer is late, never lost.
 *
 * A task also waits while requests are still arriving: it starts once the burst has gone quiet, so the
 * acks of a burst go out before answer work competes with them (the out-of-process burst bench showed
 * cheap answers, like `help`, doubling ack p99). The wait is bounded (burst-gate.ts).
 */

export interface WorkLimiter {
  /** Runs `task` when a slot is free; its result or error passes through. */
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly queued: number;
}

/**
 * A FIFO limiter of `limit` concurrent tasks; `limit <= 0` runs everything at once (no limit).
 * `whenQuiet` resolves when a task may start (the burst gate's; Socket Mode's gate never sees a request).
 */
export function createWorkLimiter(limit: number, whenQuiet: () => Promise<void>): WorkLimiter {
  const queue: Array<() => void> = [];
  let running = 0;
  const next = () => {
    if (running >= limit && limit > 0) return;
    const start = queue.shift();
    if (start) start();
  };
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push(() => {
          running += 1;
          // A task that throws synchronously still frees its slot.
          whenQuiet()
            .then(task)
            .then(resolve, reject)
            .finally(() => {
              running -= 1;
              next();
            });
        });
        next();
      });
    },
    get running() {
      return running;
    },
    get queued() {
      return queue.length;
    },
  };
}
