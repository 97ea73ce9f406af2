/**
 * Keeps each API route under its request budget (about 100 requests a minute per workspace and route
 * [spec/guess]) by waiting for a slot instead of provoking 429s: a big per-user pull issues hundreds of
 * requests, and a 429 storm costs Retry-After pauses on every concurrent lane at once. 429s are still
 * handled (and honoured) by the retry loop should the budget be guessed too high.
 *
 * A request that never reached the server (connection refused, DNS failure) gives its slot back
 * (issue 9, 5.4): with the API down, retries of refused connections used to queue behind a budget they
 * never used, stretching "can't reach the API" to over a minute.
 */
import type { Clock } from '../clock.js';

/** A granted request start. */
export interface PacerSlot {
  /** The request never reached the server: the slot no longer counts against the budget. */
  refund(): void;
}

export interface RequestPacer {
  /** Resolves when a request to `route` may start (sliding 60 s window); rejects if `signal` aborts. */
  acquire(route: string, signal?: AbortSignal): Promise<PacerSlot>;
}

const WINDOW_MS = 60_000;
const unpaced: PacerSlot = { refund: () => {} };

interface Waiter {
  grant: (slot: PacerSlot) => void;
}

/** Per route: start times still in the window (ascending) and the callers waiting, first come first served. */
interface Route {
  starts: number[];
  waiters: Waiter[];
  /** Wakes the pump early when a refund frees a slot. */
  wake: AbortController | undefined;
  pumping: boolean;
}

/** A pacer allowing `perMinute` request starts per route in any 60 s; `perMinute <= 0` disables pacing. */
export function createRequestPacer(perMinute: number, clock: Clock): RequestPacer {
  const routes = new Map<string, Route>();
  const paced = perMinute > 0 && Number.isFinite(perMinute);

  const routeOf = (name: string): Route => {
    let route = routes.get(name);
    if (!route) {
      route = { starts: [], waiters: [], pumping: false, wake: undefined };
      routes.set(name, route);
    }
    return route;
  };

  /** Takes a slot now if the window has room; the slot's refund removes exactly this start. */
  const tryTake = (route: Route): PacerSlot | undefined => {
    const now = clock.now().getTime();
    while (route.starts.length > 0 && (route.starts[0] ?? 0) <= now - WINDOW_MS) route.starts.shift();
    if (route.starts.length >= perMinute) return undefined;
    route.starts.push(now);
    let refunded = false;
    return {
      refund: () => {
        if (refunded) return;
        refunded = true;
        const index = route.starts.lastIndexOf(now);
        if (index >= 0) route.starts.splice(index, 1);
        route.wake?.abort();
      },
    };
  };

  // One pump per route hands out slots in arrival order, sleeping on the clock until the oldest start
  // leaves the window (or a refund wakes it).
  const pump = async (route: Route): Promise<void> => {
    if (route.pumping) return;
    route.pumping = true;
    try {
      while (route.waiters.length > 0) {
        const slot = tryTake(route);
        if (slot) {
          route.waiters.shift()?.grant(slot);
          continue;
        }
        const oldest = route.starts[0] ?? clock.now().getTime();
        const waitMs = Math.max(1, oldest + WINDOW_MS - clock.now().getTime());
        route.wake = new AbortController();
        await clock.sleep(waitMs, route.wake.signal).catch(() => {});
        route.wake = undefined;
      }
    } finally {
      route.pumping = false;
    }
  };

  return {
    async acquire(name, signal) {
      if (!paced) return unpaced;
      if (signal?.aborted) throw signal.reason;
      const route = routeOf(name);
      if (route.waiters.length === 0) {
        const slot = tryTake(route);
        if (slot) return slot;
      }
      return new Promise<PacerSlot>((resolve, reject) => {
        const onAbort = () => {
          const index = route.waiters.indexOf(waiter);
          if (index >= 0) route.waiters.splice(index, 1);
          reject(signal?.reason);
        };
        const waiter: Waiter = {
          grant: (slot) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(slot);
          },
        };
        route.waiters.push(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
        void pump(route);
      });
    },
  };
}
