/** The subcommand table. Each subcommand lives in its own file next to this one. */
import type { CliCommand } from './cli-command.js';
import { demoCommand } from './demo.js';
import { digestCommand } from './digest.js';
import { previewCommand } from './preview.js';
import { serveCommand } from './serve.js';
import { simulateCommand } from './simulate.js';

export const commands: readonly CliCommand[] = [
  serveCommand,
  demoCommand,
  previewCommand,
  simulateCommand,
  digestCommand,
];
