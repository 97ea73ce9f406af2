/**
 * The developer tools as the CLI sees them: the `demo` and `simulate` subcommands, and the simulator
 * that `preview` and `demo` run on without CODEX_API_KEY. Only the process entry (src/cli/bin.ts) imports
 * this file: production code never reaches into src/dev (docs/ARCHITECTURE.md).
 */
import type { CliCommand, StartSimulatedApi } from '../../cli/cli-command.js';
import { startSimulator } from '../simulator/start-simulator.js';
import { demoCommand } from './demo.js';
import { simulateCommand } from './simulate.js';

export const devCommands: readonly CliCommand[] = [demoCommand, simulateCommand];

/** The simulator on 127.0.0.1 with its demo credentials (README), anchored to the caller's clock. */
export const startSimulatedApi: StartSimulatedApi = (options) => startSimulator(options);
