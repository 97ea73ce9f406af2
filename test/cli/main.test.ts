import { describe, expect, it } from 'vitest';
import type { CliCommand, CliIo } from '../../src/cli/cli-command.js';
import { runCli } from '../../src/cli/main.js';
import { CodexPulseError, UsageError } from '../../src/errors.js';
import { systemQuietTimer } from '../../src/slack/quiet-timer.js';
import { startSimulatedApi } from '../helpers/cli-table.js';
import { testClock } from '../helpers/test-clock.js';

function captureIo(env: NodeJS.ProcessEnv = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env,
    stopSignal: new AbortController().signal,
    startSimulatedApi,
    clock: testClock(),
    quietTimer: systemQuietTimer,
  };
}

const echo: CliCommand = {
  name: 'echo',
  summary: 'Prints its words',
  usage: 'Usage: codex-pulse echo [--loud] <words…>',
  options: { loud: { type: 'boolean' } },
  allowPositionals: true,
  run: async ({ values, positionals }, io) => {
    if (positionals.length === 0) throw new UsageError('echo needs words');
    if (positionals[0] === 'fail') throw new CodexPulseError('codex_unreachable', 'API unreachable');
    const text = positionals.join(' ');
    io.stdout(`${values.loud ? text.toUpperCase() : text}\n`);
    return 0;
  },
};

describe('runCli', () => {
  it('lists the subcommands for --help and with no arguments', async () => {
    for (const argv of [[], ['--help']]) {
      const io = captureIo();
      expect(await runCli(argv, io, [echo])).toBe(0);
      expect(io.out.join('')).toContain('echo  Prints its words');
    }
  });

  it('runs a subcommand with parsed flags', async () => {
    const io = captureIo();
    expect(await runCli(['echo', '--loud', 'hi', 'there'], io, [echo])).toBe(0);
    expect(io.out.join('')).toBe('HI THERE\n');
  });

  it('rejects an unknown subcommand and an unknown flag with exit 2 and a clear message', async () => {
    const unknown = captureIo();
    expect(await runCli(['ech'], unknown, [echo])).toBe(2);
    expect(unknown.err.join('')).toContain("unknown command 'ech'");

    const badFlag = captureIo();
    expect(await runCli(['echo', '--quiet', 'x'], badFlag, [echo])).toBe(2);
    expect(badFlag.err.join('')).toContain("Unknown option '--quiet'");
    expect(badFlag.err.join('')).toContain('Usage: codex-pulse echo');
  });

  it('turns our errors into one line with their code instead of a stack trace', async () => {
    const usage = captureIo();
    expect(await runCli(['echo'], usage, [echo])).toBe(2);
    expect(usage.err.join('')).toBe('codex-pulse echo: echo needs words [usage_invalid]\n');

    const failure = captureIo();
    expect(await runCli(['echo', 'fail'], failure, [echo])).toBe(1);
    expect(failure.err.join('')).toContain('[codex_unreachable]');
  });

  it('prints the package version', async () => {
    const io = captureIo();
    expect(await runCli(['--version'], io, [echo])).toBe(0);
    expect(io.out.join('')).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
