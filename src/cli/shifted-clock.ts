import type { Clock } from '../clock.js';

/**
 * `clock`, moved so that it reads `at` now and keeps running from there (`sync --at ISO`: a sync as of
 * another day, e.g. to build history from the simulator). Sleeps and deadlines still pass in real time.
 */
export function shiftedClock(clock: Clock, at: Date): Clock {
  const offset = at.getTime() - clock.now().getTime();
  return {
    now: () => new Date(clock.now().getTime() + offset),
    sleep: (ms, signal) => clock.sleep(ms, signal),
    until: (deadline, signal) => clock.until(new Date(deadline.getTime() - offset), signal),
  };
}
