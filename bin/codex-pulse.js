#!/usr/bin/env node
// Runs the TypeScript sources through tsx's loader so `npx codex-pulse` and `npm run demo` need no build.
// Production images run the compiled `dist/src/cli/bin.js` instead (see Dockerfile).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/bin.ts');
