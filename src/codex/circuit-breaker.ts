/**
 * Fails fast while the Codex API is unreachable (issue 9, 5.4). After `threshold` consecutive requests
 * that got no answer at all (connection refused, DNS, reset, timeout), the circuit opens: every request
 * fails at once with codex_unreachable for `cooldownMs` on the injected clock, instead of each retrying
 * through its own backoff. After the cool-down one request goes through as a probe (half-open): an
 * answer closes the circuit, another failure opens it for a new cool-down. Any HTTP answer, even a 5xx,
 * proves the API reachable and resets the count — 5xx have their own retries and error. `reset()` closes
 * the circuit for a caller that knows the API is back without asking it (the playground, which restarts its
 * own simulator); nothing in production calls it, so there the probe after the cool-down decides.
 */
import type { Clock } from '../clock.js';

export interface CircuitBreakerOptions {
  /** Consecutive unreachable requests that open the circuit; 0 disables the breaker. */
  threshold: number;
  cooldownMs: number;
  clock: Clock;
}

/** Why a request may not go out now: for the error message a person (and the log) reads. */
export interface CircuitOpen {
  failures: number;
  retryInMs: number;
  lastError: unknown;
}

/** A request allowed through; report how it went exactly once. */
export interface CircuitTicket {
  /** The API answered (any HTTP status). */
  reached(): void;
  /** No answer: refused, unreachable, timed out. */
  unreachable(error: unknown): void;
  /** Neither (the caller aborted): a probe slot is released without a verdict. */
  abandoned(): void;
}

export interface CircuitBreaker {
  /** A ticket for one request, or why the circuit is open. */
  admit(): CircuitTicket | CircuitOpen;
  /** Closes the circuit now, as an answer would; a probe in flight still reports, as any request. */
  reset(): void;
  readonly state: 'closed' | 'open' | 'half-open';
}

export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const { threshold, cooldownMs, clock } = options;
  let failures = 0;
  let openUntil: number | undefined;
  let probing = false;
  let lastError: unknown;

  const now = () => clock.now().getTime();
  const open = (error: unknown) => {
    lastError = error;
    openUntil = now() + cooldownMs;
  };

  const ticket = (probe: boolean): CircuitTicket => {
    let settled = false;
    const settle = (verdict: () => void) => {
      if (settled) return;
      settled = true;
      if (probe) probing = false;
      verdict();
    };
    return {
      reached: () =>
        settle(() => {
          failures = 0;
          openUntil = undefined;
        }),
      unreachable: (error) =>
        settle(() => {
          failures += 1;
          lastError = error;
          // A failed probe reopens at once; a closed circuit opens at the threshold.
          if (threshold > 0 && (probe || failures >= threshold)) open(error);
        }),
      abandoned: () => settle(() => {}),
    };
  };

  return {
    admit() {
      if (threshold <= 0) return ticket(false);
      if (openUntil === undefined) return ticket(false);
      const wait = openUntil - now();
      if (wait > 0 || probing) return { failures, retryInMs: Math.max(0, wait), lastError };
      probing = true;
      return ticket(true);
    },
    reset() {
      failures = 0;
      openUntil = undefined;
    },
    get state() {
      if (openUntil === undefined) return 'closed';
      return openUntil > now() && !probing ? 'open' : 'half-open';
    },
  };
}

export function isCircuitOpen(admission: CircuitTicket | CircuitOpen): admission is CircuitOpen {
  return 'retryInMs' in admission;
}
