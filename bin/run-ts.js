#!/usr/bin/env node
// Runs one TypeScript file (a benchmark script) through tsx's loader, forwarding its arguments.
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const [file] = process.argv.splice(2, 1);
if (!file) {
  console.error('usage: run-ts.js <file.ts> [args…]');
  process.exit(2);
}
await import(pathToFileURL(file).href);
