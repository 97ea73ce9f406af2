/**
 * `codex-pulse simulate`: runs the Codex Analytics API simulator until the process is asked to stop.
 * Flags override the SIMULATOR_* environment; the key and workspace come from CODEX_API_KEY /
 * CODEX_WORKSPACE_ID, else the demo ones, so a bot started with the same env talks to it unchanged.
 */

import type { CliCommand } from '../../cli/cli-command.js';
import { parseAt } from '../../cli/parse-at.js';
import { shiftedClock } from '../../cli/shifted-clock.js';
import { loadConfig } from '../../config/env.js';
import { UsageError } from '../../errors.js';
import { createLogger } from '../../logger.js';
import { startSimulator } from '../simulator/start-simulator.js';

const usage = `Usage: codex-pulse simulate [--port N] [--users N] [--seed S] [--now ISO-time] [--latency-ms N]
                            [--rate-429 F] [--rate-5xx F] [--rate-malformed F] [--spike YYYY-MM-DD:FACTOR …]

Serves a deterministic, realistic Codex enterprise Analytics API on 127.0.0.1 until stopped (Ctrl-C).
  --port N            port to listen on (SIMULATOR_PORT, default 0 = any free port)
  --users N           simulated users, 1..200000 (SIMULATOR_USERS, default 200)
  --seed S            data seed: same seed, same data (SIMULATOR_SEED, default codex-pulse)
  --now ISO-time      serve the workspace as of that instant (its clock runs on from there), e.g. 120 days
                      ago to build months of history: a day's rows are the same whatever --now is
  --latency-ms N      delay added to every response (SIMULATOR_LATENCY_MS, default 0)
  --rate-429 F        fraction 0..1 of requests answered 429 + Retry-After (SIMULATOR_RATE_429)
  --rate-5xx F        fraction 0..1 of requests answered 500/502/503 (SIMULATOR_RATE_5XX)
  --rate-malformed F  fraction 0..1 of pages with one malformed row (SIMULATOR_RATE_MALFORMED)
  --spike DAY:FACTOR  that UTC day's usage times FACTOR (0.01..100): 5 is a spike, 0.2 a drop; repeatable,
                      e.g. --spike 2026-11-18:5 (for trying alert rules: /codex alert preview credits anomaly)`;

/** `--spike 2026-11-18:5`, repeatable → the days and their factors. */
export function spikeFlags(
  value: string | boolean | (string | boolean)[] | undefined,
): { day: string; factor: number }[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => {
    const match = typeof item === 'string' ? /^(\d{4}-\d{2}-\d{2}):(\d+(?:\.\d+)?)$/.exec(item.trim()) : null;
    const day = match?.[1] ?? '';
    const factor = Number(match?.[2]);
    const real =
      !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) &&
      new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
    if (match === null || !real || !(factor >= 0.01 && factor <= 100)) {
      throw new UsageError(
        `--spike expects YYYY-MM-DD:FACTOR with a factor from 0.01 to 100 (e.g. 2026-11-18:5), got '${String(item)}'`,
      );
    }
    return { day, factor };
  });
}

/** Parses an integer flag within [min, max], or returns `fallback` when the flag is absent. */
function intFlag(
  value: string | boolean | undefined,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} expects a whole number from ${min} to ${max}, got '${String(value)}'`);
  }
  return n;
}

/** Parses a fraction flag in [0, 1], or returns `fallback` when the flag is absent. */
function fractionFlag(value: string | boolean | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    throw new UsageError(`--${name} expects a fraction from 0 to 1 (e.g. 0.1), got '${String(value)}'`);
  }
  return n;
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'Run the local Codex Analytics API simulator (demo data, fault injection)',
  usage,
  options: {
    port: { type: 'string' },
    users: { type: 'string' },
    seed: { type: 'string' },
    now: { type: 'string' },
    'latency-ms': { type: 'string' },
    'rate-429': { type: 'string' },
    'rate-5xx': { type: 'string' },
    'rate-malformed': { type: 'string' },
    spike: { type: 'string', multiple: true },
  },
  async run({ values }, io) {
    const config = loadConfig(io.env);
    const defaults = config.simulator;
    const seed = values.seed === undefined ? defaults.seed : String(values.seed);
    if (seed.trim() === '') throw new UsageError('--seed expects a non-empty string');
    // As of --now, running on from there at the pace of the process clock.
    const clock = shiftedClock(io.clock, parseAt(values.now, io.clock.now(), '--now'));
    const sim = await startSimulator({
      port: intFlag(values.port, 'port', 0, 65535, defaults.port),
      users: intFlag(values.users, 'users', 1, 200_000, defaults.users),
      seed,
      apiKey: config.codex.apiKey,
      workspaceId: config.codex.workspaceId,
      now: () => clock.now(),
      dayFactors: spikeFlags(values.spike),
      faults: {
        latencyMs: intFlag(values['latency-ms'], 'latency-ms', 0, 600_000, defaults.latencyMs),
        rate429: fractionFlag(values['rate-429'], 'rate-429', defaults.rate429),
        rate5xx: fractionFlag(values['rate-5xx'], 'rate-5xx', defaults.rate5xx),
        rateMalformed: fractionFlag(values['rate-malformed'], 'rate-malformed', defaults.rateMalformed),
      },
      logger: createLogger({ level: config.logLevel, name: 'simulator' }),
    });
    // Never echo a real key: only the public demo key is printed in full.
    const key = config.codex.demo ? sim.apiKey : '<your CODEX_API_KEY>';
    io.stdout(
      `Codex Analytics API simulator: CODEX_API_BASE_URL=${sim.baseUrl} CODEX_API_KEY=${key} CODEX_WORKSPACE_ID=${sim.workspaceId}\n`,
    );
    await new Promise<void>((resolve) => {
      if (io.stopSignal.aborted) resolve();
      else io.stopSignal.addEventListener('abort', () => resolve(), { once: true });
    });
    await sim.close();
    return 0;
  },
};
