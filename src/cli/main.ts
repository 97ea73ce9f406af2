/**
 * `codex-pulse` entry point: picks the subcommand, parses its flags strictly (an unknown flag is a clear
 * error and exit 2), wires signals, and turns errors into one readable line instead of a stack trace.
 */
import { parseArgs } from 'node:util';
import { systemClock } from '../clock.js';
import { processEnv } from '../config/env.js';
import { CodexPulseError, ConfigError, isCodexPulseError } from '../errors.js';
import { systemQuietTimer } from '../slack/quiet-timer.js';
import { version } from '../version.js';
import type { CliCommand, CliIo, StartSimulatedApi } from './cli-command.js';

export async function runCli(argv: string[], io: CliIo, table: readonly CliCommand[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(helpText(table));
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${version}\n`);
    return 0;
  }
  const command = table.find((c) => c.name === name);
  if (!command) {
    io.stderr(`codex-pulse: unknown command '${name}'. Run 'codex-pulse --help' to see the commands.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: command.options,
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
  } catch (error) {
    io.stderr(`codex-pulse ${name}: ${(error as Error).message}\n\n${command.usage}\n`);
    return 2;
  }
  try {
    return await command.run(parsed as Parameters<CliCommand['run']>[0], io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`codex-pulse ${name}: ${error.message}\n`);
      return 78; // EX_CONFIG
    }
    if (error instanceof CodexPulseError) {
      io.stderr(`codex-pulse ${name}: ${error.message} [${error.code}]\n`);
      return isCodexPulseError(error, 'usage_invalid') ? 2 : 1;
    }
    throw error;
  }
}

function helpText(table: readonly CliCommand[]): string {
  const width = Math.max(0, ...table.map((c) => c.name.length));
  const lines = table.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Codex Pulse — OpenAI Codex Enterprise analytics in Slack.',
    '',
    'Usage: codex-pulse <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run 'codex-pulse <command> --help' for a command's options.",
    '',
  ].join('\n');
}

/** The process entry (see bin.ts): real streams, env and signals over the given subcommand table. */
export async function main(
  table: readonly CliCommand[],
  startSimulatedApi: StartSimulatedApi,
): Promise<void> {
  const controller = new AbortController();
  const stop = () => controller.abort(new Error('stopped by signal'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTTY: process.stderr.isTTY === true,
    env: processEnv(),
    // The only place the system clock is chosen: everything below receives it (issue #9).
    clock: systemClock,
    quietTimer: systemQuietTimer,
    stopSignal: controller.signal,
    startSimulatedApi,
    // Installed only here, by the process entry: importing any module never touches process handlers.
    onUnhandledRejection: (listener) => {
      process.on('unhandledRejection', listener);
      return () => process.off('unhandledRejection', listener);
    },
  };
  process.exitCode = await runCli(process.argv.slice(2), io, table);
}
