import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/cli-command.js';
import { runCli } from '../../../src/cli/main.js';
import { systemQuietTimer } from '../../../src/slack/quiet-timer.js';
import { everyCommand, startSimulatedApi } from '../../helpers/cli-table.js';
import { testClock } from '../../helpers/test-clock.js';

function captureIo(
  env: NodeJS.ProcessEnv = {},
  stop = new AbortController(),
  onOut: (text: string) => void = () => undefined,
): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => {
      out.push(t);
      onOut(t);
    },
    stderr: (t) => err.push(t),
    env,
    stopSignal: stop.signal,
    startSimulatedApi,
    clock: testClock(),
    quietTimer: systemQuietTimer,
  };
}

describe('codex-pulse demo and preview', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'codex-pulse-demo-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  it('demo runs with no environment at all: real figures on stdout, the digest as JSON + PNGs', async () => {
    const out = await tempDir();
    const io = captureIo({});
    // --no-playground: the summary and preview only, then exit (the playground is tested below).
    expect(await runCli(['demo', '--out', out, '--no-playground'], io, everyCommand)).toBe(0);
    const stdout = io.out.join('');
    // Months of history: a backfill as of 180 days before the test clock's 2026-11-24, then syncs 90 days
    // later and as of it: 270 days and the running day, without a gap.
    expect(stdout).toMatch(
      /History: 2026-02-27\.\.2026-11-24 synced into the demo's warehouse \([\d,]+ rows, \d+ requests/,
    );
    expect(io.err.join('')).toContain('sync: loading history: per-user usage');
    expect(stdout).toMatch(/Active users: \d+/);
    expect(stdout).toMatch(/Credits: [\d.,k]+/);
    expect(stdout).toMatch(/Code Review: \d+ PRs reviewed/);
    expect(stdout).toContain(out);
    const files = await readdir(out);
    const pngs = files.filter((f) => f.endsWith('.png'));
    expect(pngs.length).toBeGreaterThanOrEqual(1);
    const png = await readFile(join(out, pngs[0] ?? ''));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const parent = JSON.parse(await readFile(join(out, 'digest-1.json'), 'utf8')) as {
      text: string;
      blocks: Array<{ type: string; image_url?: string }>;
    };
    expect(parent.text).toContain('Codex weekly digest');
    // Image blocks point at the PNG next to the JSON.
    const image = parent.blocks.find((b) => b.type === 'image');
    expect(files).toContain(image?.image_url);
  });

  it('demo then serves the playground on 127.0.0.1 until stopped, and closes cleanly', async () => {
    const out = await tempDir();
    const stop = new AbortController();
    let announced!: (url: string) => void;
    const url = new Promise<string>((resolve) => {
      announced = resolve;
    });
    const io = captureIo({}, stop, (text) => {
      const match = /Playground: (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (match?.[1]) announced(match[1]);
    });
    const exit = runCli(['demo', '--out', out, '--port', '0'], io, everyCommand);
    const base = await url;
    const page = await fetch(base);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Local playground');
    stop.abort();
    expect(await exit).toBe(0);
    expect(io.out.join('')).toContain('Stopping the playground');
    await expect(fetch(base)).rejects.toThrow();
  });

  it('demo rejects a bad --port with exit 2, before starting anything', async () => {
    const io = captureIo({});
    expect(await runCli(['demo', '--port', 'lots'], io, everyCommand)).toBe(2);
    expect(io.err.join('')).toContain('--port expects a port number');
  });

  it('preview prints a Block Kit Builder link per message', async () => {
    const out = await tempDir();
    const io = captureIo({});
    expect(await runCli(['preview', 'usage', '--range', '30d', '--out', out], io, everyCommand)).toBe(0);
    const stdout = io.out.join('');
    expect(stdout).toContain('https://app.slack.com/block-kit-builder#%7B%22blocks%22');
    expect(await readdir(out)).toContain('usage.json');
  });

  it('preview rejects an unknown report with exit 2', async () => {
    const io = captureIo({});
    expect(await runCli(['preview', 'everything'], io, everyCommand)).toBe(2);
    expect(io.err.join('')).toContain('usage|top|reviews|digest|leadership');
  });
});
