/**
 * Waiting for a burst of Slack requests to stop arriving (issue 9, 5.5): work that may wait (Bolt's
 * processing of commands acked on receipt, and answers) starts only once no request has arrived for
 * QUIET_MS, so it does not compete with the acks still due — for this process's event loop, and for
 * the machine's CPUs with whoever is sending. Quiet used to be one event-loop turn without a new
 * request; under a 200-command burst the gaps between arrivals are often longer than a turn, so the
 * work started mid-burst and the bot spent twice the floors' CPU per ack (the burst bench's profile).
 * The wait is bounded: under a steady stream, work is held at most MAX_HOLD_MS, well inside the 3 s
 * Slack leaves before a response_url answer looks lost.
 */
import type { QuietTimer } from './quiet-timer.js';

/**
 * No request for this long ends a burst. On a loaded 2-core machine the sender is often descheduled for
 * a few ms mid-burst (the bench's profile showed answers starting in such gaps at 3 ms); an answer
 * starting 5 ms later is not noticed.
 */
export const QUIET_MS = 5;
/** The longest work waits while requests keep arriving. */
export const MAX_HOLD_MS = 300;

export interface BurstGate {
  /** Counts a request arriving (the receiver calls it once per Slack request, before reading it). */
  arrived(): void;
  /**
   * Resolves once no request has arrived for the quiet interval, or the maximum hold after the call,
   * whichever is first. Already quiet: resolves at once (in a microtask).
   */
  whenQuiet(): Promise<void>;
}

export interface BurstRule {
  quietMs: number;
  maxHoldMs: number;
}

export function createBurstGate(
  timer: QuietTimer,
  rule: BurstRule = { quietMs: QUIET_MS, maxHoldMs: MAX_HOLD_MS },
): BurstGate {
  const { quietMs, maxHoldMs } = rule;
  let lastArrival = Number.NEGATIVE_INFINITY;
  // In call order, so deadlines only grow: the first waiter's is the earliest.
  let waiters: Array<{ deadline: number; resolve: () => void }> = [];
  let checking = false;

  const schedule = () => {
    const first = waiters[0];
    if (checking || !first) return;
    checking = true;
    const at = Math.min(lastArrival + quietMs, first.deadline);
    timer.after(Math.max(0, at - timer.now()), check);
  };
  const check = () => {
    checking = false;
    const now = timer.now();
    const quiet = now - lastArrival >= quietMs;
    const due = quiet ? waiters : waiters.filter((w) => w.deadline <= now);
    waiters = quiet ? [] : waiters.filter((w) => w.deadline > now);
    for (const waiter of due) waiter.resolve();
    schedule();
  };

  return {
    arrived() {
      lastArrival = timer.now();
    },
    whenQuiet() {
      const now = timer.now();
      if (now - lastArrival >= quietMs && waiters.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        waiters.push({ deadline: now + maxHoldMs, resolve });
        schedule();
      });
    },
  };
}
