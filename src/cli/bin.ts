// Process entry: `node dist/src/cli/bin.js` in the image, or through bin/codex-pulse.js (tsx) in a checkout.
// The one production file that imports the developer tools: it adds their subcommands to the table and
// hands the simulator to the subcommands that fall back to demo data (docs/ARCHITECTURE.md).
import { devCommands, startSimulatedApi } from '../dev/cli/dev-commands.js';
import { main } from './main.js';
import { commands } from './registry.js';

await main([...commands, ...devCommands], startSimulatedApi);
