import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandRegistry } from '../../commands/command-types.js';
import type { Clock } from '../clock.js';
import { type Config, loadConfig } from '../config/env.js';
import { createLogger, type Logger, type LogLevel } from '../logger.js';
import { createBotRegistry } from '../main/bot-registry.js';
import type { Composition } from '../main/compose.js';
import { openComposition } from '../main/open-composition.js';
import type { CliIo } from './cli-command.js';

/** A composition for one-shot CLI commands, plus the simulator it started (if any). */
export interface CodexSession {
  config: Config;
  composition: Composition;
  /** The session's one command registry (no digests: one-shot commands never manage subscriptions). */
  registry: CommandRegistry;
  /** True when figures come from the in-process simulator (demo data). */
  simulated: boolean;
  /** The simulator's spike injection (SimulatedApi.setDayFactor), when figures are simulated. */
  spike?: (day: string, factor: number) => void;
  /** Stops or restarts the simulator (SimulatedApi.setRunning), when figures are simulated. */
  setApiRunning?: (running: boolean) => Promise<void>;
  close(): Promise<void>;
}

export interface SessionOptions {
  /** Always use the simulator, whatever CODEX_API_KEY says (`demo`). */
  simulator?: 'always' | 'when-unconfigured';
  /** Simulated users; default SIMULATOR_USERS. */
  users?: number;
  /** Log level when LOG_LEVEL is not set; default 'error' with the simulator, else 'warn'. */
  quietLevel?: LogLevel;
}

/** Where the Codex figures come from: the configured API, or the in-process simulator (demo data). */
export interface CodexSource {
  /** The configuration, its codex section pointing at the simulator when `simulated`. */
  config: Config;
  simulated: boolean;
  /** See CodexSession.spike. */
  spike?: (day: string, factor: number) => void;
  /** See CodexSession.setApiRunning. */
  setApiRunning?: (running: boolean) => Promise<void>;
  /** Stops the simulator, if one was started. */
  close(): Promise<void>;
}

/**
 * With no CODEX_API_KEY (or when asked to, for `demo`) starts the simulator in-process on 127.0.0.1 with
 * the demo credentials, its history anchored to `clock`, so the real client still talks HTTP to it.
 */
export async function resolveCodexSource(
  io: CliIo,
  loaded: Config,
  options: { always?: boolean; users?: number; logger: Logger; clock: Clock },
): Promise<CodexSource> {
  if (!options.always && !loaded.codex.demo) {
    return { config: loaded, simulated: false, close: async () => {} };
  }
  const sim = await io.startSimulatedApi({
    users: options.users ?? loaded.simulator.users,
    seed: loaded.simulator.seed,
    logger: options.logger,
    now: () => options.clock.now(),
  });
  const codex = { ...loaded.codex, baseUrl: sim.baseUrl, apiKey: sim.apiKey, workspaceId: sim.workspaceId };
  const setDayFactor = sim.setDayFactor?.bind(sim);
  const setRunning = sim.setRunning?.bind(sim);
  return {
    config: { ...loaded, codex: { ...codex, demo: true } },
    simulated: true,
    ...(setDayFactor ? { spike: setDayFactor } : {}),
    ...(setRunning ? { setApiRunning: setRunning } : {}),
    close: () => sim.close(),
  };
}

/** The embedded warehouse in `dataDir`, whatever DATABASE_URL says. */
function warehouseIn(config: Config, dataDir: string): Config['warehouse'] {
  const { databaseUrl: _ignored, ...rest } = config.warehouse;
  return { ...rest, dataDir };
}

/**
 * Loads the configuration and builds the composition, on the simulator without CODEX_API_KEY (or for
 * `demo`). Logs go to stderr (stdout is the command's output), at `quietLevel` unless LOG_LEVEL is set.
 */
export async function openCodexSession(io: CliIo, options: SessionOptions = {}): Promise<CodexSession> {
  const loaded = loadConfig(io.env);
  const useSimulator = options.simulator === 'always' || loaded.codex.demo;
  // The simulator deliberately emits an unknown client id: its warning would only confuse a demo run.
  const quiet = options.quietLevel ?? (useSimulator ? 'error' : 'warn');
  const logger: Logger = createLogger({
    level: io.env.LOG_LEVEL ? loaded.logLevel : quiet,
    write: (line) => io.stderr(`${line}\n`),
  });
  const source = await resolveCodexSource(io, loaded, {
    always: options.simulator === 'always',
    ...(options.users === undefined ? {} : { users: options.users }),
    logger,
    clock: io.clock,
  });
  // Simulated figures never enter the configured warehouse: a session that fell back to the simulator
  // (no CODEX_API_KEY) keeps its own, removed on close, and fills it on the first question (a top-up, like
  // a first start). `demo` (simulator 'always') hands its own DATA_DIR, its history already synced there.
  const scratch =
    source.simulated && options.simulator !== 'always'
      ? await mkdtemp(join(tmpdir(), 'codex-pulse-session-'))
      : null;
  const config =
    scratch === null ? source.config : { ...source.config, warehouse: warehouseIn(source.config, scratch) };
  let composition: Composition;
  try {
    composition = await openComposition(config, { logger, clock: io.clock });
  } catch (error) {
    if (scratch !== null) await rm(scratch, { recursive: true, force: true });
    await source.close();
    throw error;
  }
  return {
    config,
    composition,
    registry: createBotRegistry(composition),
    simulated: source.simulated,
    ...(source.spike ? { spike: source.spike } : {}),
    ...(source.setApiRunning ? { setApiRunning: source.setApiRunning } : {}),
    close: async () => {
      try {
        await composition.close();
        await source.close();
      } finally {
        if (scratch !== null) await rm(scratch, { recursive: true, force: true });
      }
    },
  };
}
