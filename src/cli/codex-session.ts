import type { CommandRegistry } from '../../commands/command-types.js';
import { type Config, loadConfig } from '../config/env.js';
import { createLogger, type Logger, type LogLevel } from '../logger.js';
import { type Composition, compose, createBotRegistry } from '../main.js';
import type { CliIo } from './cli-command.js';

/** A composition for one-shot CLI commands, plus the simulator it started (if any). */
export interface CodexSession {
  config: Config;
  composition: Composition;
  /** The session's one command registry (no digests: one-shot commands never manage subscriptions). */
  registry: CommandRegistry;
  /** True when figures come from the in-process simulator (demo data). */
  simulated: boolean;
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

/**
 * Loads the configuration and builds the composition. With no CODEX_API_KEY (or for `demo`) it starts
 * the simulator in-process on 127.0.0.1 with the demo credentials, so the real client still talks HTTP.
 * Logs go to stderr (stdout is the command's output), at `quietLevel` unless LOG_LEVEL is set.
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
  if (!useSimulator) {
    const composition = compose(loaded, { logger, clock: io.clock });
    return {
      config: loaded,
      composition,
      registry: createBotRegistry(composition),
      simulated: false,
      close: () => composition.close(),
    };
  }
  const sim = await io.startSimulatedApi({
    users: options.users ?? loaded.simulator.users,
    seed: loaded.simulator.seed,
    logger,
    now: () => io.clock.now(),
  });
  const config: Config = {
    ...loaded,
    codex: {
      ...loaded.codex,
      baseUrl: sim.baseUrl,
      apiKey: sim.apiKey,
      workspaceId: sim.workspaceId,
      demo: true,
    },
  };
  const composition = compose(config, { logger, clock: io.clock });
  return {
    config,
    composition,
    registry: createBotRegistry(composition),
    simulated: true,
    close: async () => {
      await composition.close();
      await sim.close();
    },
  };
}
