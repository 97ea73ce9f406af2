/** The subcommand table. Each subcommand lives in its own file next to this one. */
import type { CliCommand } from './cli-command.js';
import { simulateCommand } from './simulate.js';

export const commands: readonly CliCommand[] = [simulateCommand];
