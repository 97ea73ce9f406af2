/**
 * Keeps each API route under its request budget (about 100 requests a minute per workspace and route
 * [spec/guess]) by waiting for a slot instead of provoking 429s: a big per-user pull issues hundreds of
 * requests, and a 429 storm costs Retry-After pauses on every concurrent lane at once. 429s are still
 * handled (and honoured) by the retry loop should the budget be guessed too high.
 */
import type { Clock } from '../clock.js';

export interface RequestPacer {
  /** Resolves when a request to `route` may start (sliding 60 s window); rejects if `signal` aborts. */
  acquire(route: string, signal?: AbortSignal): Promise<void>;
}

const WINDOW_MS = 60_000;

/** A pacer allowing `perMinute` request starts per route in any 60 s; `perMinute <= 0` disables pacing. */
export function createRequestPacer(perMinute: number, clock: Clock): RequestPacer {
  // Per route: the start times granted so far (ascending), pruned to the last minute.
  const granted = new Map<string, number[]>();
  return {
    async acquire(route, signal) {
      if (perMinute <= 0 || !Number.isFinite(perMinute)) return;
      const now = clock.now().getTime();
      const times = (granted.get(route) ?? []).filter((t) => t > now - WINDOW_MS);
      // The n-th start may happen one minute after the (n − perMinute)-th: reserve that slot now, so
      // concurrent callers queue in order without re-checking.
      const blocking = times.length >= perMinute ? times[times.length - perMinute] : undefined;
      const slot = blocking === undefined ? now : Math.max(now, blocking + WINDOW_MS);
      times.push(slot);
      granted.set(route, times);
      if (slot > now) await clock.sleep(slot - now, signal);
    },
  };
}
