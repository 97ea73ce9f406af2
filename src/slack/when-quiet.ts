/**
 * Waiting for a burst of Slack requests to stop arriving (issue 9, 5.5): work that may wait (answers,
 * and Bolt's processing of commands already acked on receipt) starts only once the acks of the requests
 * read so far are written. The wait is counted in loop turns, never time, and bounded: under a steady
 * stream of requests work is held at most MAX_HOLD_TURNS turns.
 */

/** Loop turns work may be held while requests keep arriving. */
export const MAX_HOLD_TURNS = 20;

/**
 * Resolves in the check phase of the first loop turn that brought no new request (at most
 * MAX_HOLD_TURNS turns on). `arrivals` counts requests received so far (the receiver's counter). From the
 * check phase: acks of requests already read in this turn are written before the waiting work begins.
 */
export function whenQuiet(arrivals: () => number): Promise<void> {
  return new Promise((resolve) => {
    let seen = arrivals();
    let turns = 0;
    const check = () => {
      const now = arrivals();
      if (now === seen || turns >= MAX_HOLD_TURNS) {
        resolve();
        return;
      }
      seen = now;
      turns += 1;
      setImmediate(check);
    };
    setImmediate(check);
  });
}
