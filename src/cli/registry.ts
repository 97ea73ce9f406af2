/**
 * The production subcommand table. Each subcommand lives in its own file next to this one; the
 * developer tools' subcommands (`demo`, `simulate`) are added by the process entry (bin.ts) from src/dev.
 */
import type { CliCommand } from './cli-command.js';
import { digestCommand } from './digest.js';
import { previewCommand } from './preview.js';
import { serveCommand } from './serve.js';
import { syncCommand } from './sync.js';

export const commands: readonly CliCommand[] = [serveCommand, previewCommand, digestCommand, syncCommand];
