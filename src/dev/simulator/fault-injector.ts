/**
 * Fault injection for client tests: latency, random 429 / 5xx / malformed rows at configured rates (drawn
 * from a seeded stream, so a run with the same seed and request order is reproducible), plus
 * deterministic queues (`failNext`, `malformNext`) that tests use to force exact sequences.
 */
import { createRng, hashString } from './seeded-random.js';

/** Random faults, each rate a fraction in [0, 1]. */
export interface SimulatorFaults {
  /** Added to every request before it is answered. */
  latencyMs?: number;
  /** Fraction of requests answered 429 with a Retry-After header. */
  rate429?: number;
  /** Retry-After value (seconds) on injected 429s; default 1. */
  retryAfterSeconds?: number;
  /** Fraction of requests answered 500, 502 or 503. */
  rate5xx?: number;
  /** Fraction of 200 responses carrying one malformed row. */
  rateMalformed?: number;
}

export type FailStatus = 429 | 500 | 502 | 503;

export interface InjectedFailure {
  status: FailStatus;
  retryAfterSeconds?: number;
}

export interface FaultInjector {
  faults(): SimulatorFaults;
  set(faults: SimulatorFaults): void;
  failNext(fault: { status: FailStatus; count?: number; retryAfterSeconds?: number }): void;
  malformNext(count?: number): void;
  /** The failure this request must answer with, if any. Called once per authorised API request. */
  nextFailure(): InjectedFailure | null;
  /** Whether this (non-empty, 200) response must carry a malformed row. */
  nextMalformed(): boolean;
}

const SERVER_ERRORS: readonly FailStatus[] = [500, 502, 503];

/** A fault injector whose random decisions come from a stream seeded by `seed`. */
export function createFaultInjector(seed: string, initial: SimulatorFaults = {}): FaultInjector {
  let current: SimulatorFaults = { ...initial };
  const failQueue: InjectedFailure[] = [];
  let malformQueue = 0;
  const random = createRng(hashString(`${seed}/faults`));
  const malformRandom = createRng(hashString(`${seed}/malformed`));
  return {
    faults: () => ({ ...current }),
    set(faults) {
      current = { ...faults };
    },
    failNext({ status, count = 1, retryAfterSeconds }) {
      for (let i = 0; i < count; i++) {
        failQueue.push(status === 429 ? { status, retryAfterSeconds: retryAfterSeconds ?? 1 } : { status });
      }
    },
    malformNext(count = 1) {
      malformQueue += count;
    },
    nextFailure() {
      // Draw on every request, even when a queued failure wins, so the random sequence does not depend
      // on how many queued failures a test used.
      const r = random();
      const pick = random();
      const queued = failQueue.shift();
      if (queued) return queued;
      const rate429 = current.rate429 ?? 0;
      if (r < rate429) return { status: 429, retryAfterSeconds: current.retryAfterSeconds ?? 1 };
      if (r < rate429 + (current.rate5xx ?? 0)) {
        return { status: SERVER_ERRORS[Math.floor(pick * SERVER_ERRORS.length)] ?? 500 };
      }
      return null;
    },
    nextMalformed() {
      const r = malformRandom();
      if (malformQueue > 0) {
        malformQueue--;
        return true;
      }
      return r < (current.rateMalformed ?? 0);
    },
  };
}

/**
 * Breaks one row the way a contract change would: a field of the wrong type, which the client's zod
 * schemas must reject (a count that became a string).
 */
export function malformRow(row: Record<string, unknown>): void {
  const totals = row.totals;
  if (typeof totals === 'object' && totals !== null) (totals as Record<string, unknown>).credits = 'lots';
  else row.comments = 'lots';
}
