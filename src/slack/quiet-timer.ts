/**
 * Real time for the burst gate (burst-gate.ts): when a burst of Slack requests has gone quiet is a
 * question of milliseconds on a monotonic clock, never of the wall clock that dates figures and
 * deadlines (clock.ts). Injected like the clock: the process entry passes `systemQuietTimer`, tests a
 * timer they move themselves.
 */
export interface QuietTimer {
  /** Milliseconds on a monotonic clock (only differences mean anything). */
  now(): number;
  /** Runs `run` once, `ms` or more from now, after the I/O of that loop turn has been read. */
  after(ms: number, run: () => void): void;
}

/**
 * performance.now() and setTimeout. The callback waits for the check phase of the turn its timer fired
 * in: requests already pending in that turn are read (and counted as arrivals) before it decides.
 */
export const systemQuietTimer: QuietTimer = {
  now: () => performance.now(),
  after: (ms, run) => {
    // Not unref'd: a command acked but not yet handed to Bolt keeps a stopping process alive.
    setTimeout(() => setImmediate(run), ms);
  },
};
