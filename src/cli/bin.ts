// Process entry: `node dist/src/cli/bin.js` in the image, or through bin/codex-pulse.js (tsx) in a checkout.
import { main } from './main.js';

await main();
