import type { ParseArgsConfig } from 'node:util';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { QuietTimer } from '../slack/quiet-timer.js';

/** A Codex Analytics API on 127.0.0.1 with demo data, as the developer tools' simulator serves it. */
export interface SimulatedApi {
  baseUrl: string;
  apiKey: string;
  workspaceId: string;
  /** Injects a spike into a UTC day (YYYY-MM-DD) while running (the playground's alert control). */
  setDayFactor?(day: string, factor: number): void;
  /** Stops or restarts the API on its port (the playground's outage control). */
  setRunning?(running: boolean): Promise<void>;
  close(): Promise<void>;
}

/** Starts the built-in simulator: `now` anchors its history (always the caller's clock). */
export type StartSimulatedApi = (options: {
  users: number;
  seed: string;
  logger: Logger;
  now: () => Date;
}) => Promise<SimulatedApi>;

/** Streams a CLI subcommand writes to: injected so tests capture output without touching process.*. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stderr is a terminal: progress may redraw in place (sync's bar). */
  stderrIsTTY?: boolean;
  env: NodeJS.ProcessEnv;
  /** The one clock of the process: main() passes the system clock, tests a clock they control. */
  clock: Clock;
  /** Real time for the Slack edge's burst gate: main() passes the system timer, tests one they move. */
  quietTimer: QuietTimer;
  /**
   * The built-in simulator, for subcommands that run on demo data without CODEX_API_KEY (`preview`,
   * `demo`). The process entry passes the developer tools' one (src/dev); production code never imports
   * it, so `serve` cannot end up on simulated data.
   */
  startSimulatedApi: StartSimulatedApi;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); long-running subcommands await it. */
  stopSignal: AbortSignal;
  /**
   * Subscribes to promise rejections nothing handled; returns the unsubscribe. main() wires it to the
   * process, so a long-running subcommand (serve) logs them and keeps serving instead of exiting.
   */
  onUnhandledRejection?: (listener: (reason: unknown) => void) => () => void;
}

/** One `codex-pulse <name>` subcommand. `run` resolves to the exit code. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals?: boolean;
  run(
    parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] },
    io: CliIo,
  ): Promise<number>;
}
