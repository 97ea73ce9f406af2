import { commands } from '../../src/cli/registry.js';
import { devCommands, startSimulatedApi } from '../../src/dev/cli/dev-commands.js';

/** The table the process entry (src/cli/bin.ts) runs: production subcommands plus the developer tools. */
export const everyCommand = [...commands, ...devCommands];

/** The simulator the process entry hands to the CLI (CliIo.startSimulatedApi). */
export { startSimulatedApi };
