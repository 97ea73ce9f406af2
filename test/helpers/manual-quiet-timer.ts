import type { QuietTimer } from '../../src/slack/quiet-timer.js';

/**
 * A quiet timer the test moves: `advance(ms)` runs, in time order, every callback that falls due (and
 * any it schedules on the way). No real time passes.
 */
export function manualQuietTimer(): QuietTimer & { advance(ms: number): void; readonly pending: number } {
  let now = 0;
  let timers: Array<{ at: number; run: () => void }> = [];
  return {
    now: () => now,
    after(ms, run) {
      timers.push({ at: now + Math.max(0, ms), run });
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const next = timers.reduce<(typeof timers)[number] | undefined>(
          (a, b) => (a === undefined || b.at < a.at ? b : a),
          undefined,
        );
        if (!next || next.at > until) break;
        timers = timers.filter((t) => t !== next);
        now = next.at;
        next.run();
      }
      now = until;
    },
    get pending() {
      return timers.length;
    },
  };
}
