import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-command.js';
import { runCli } from '../../src/cli/main.js';

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
    expect(await runCli(['demo', '--out', out], io)).toBe(0);
    const stdout = io.out.join('');
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

  it('preview prints a Block Kit Builder link per message', async () => {
    const out = await tempDir();
    const io = captureIo({});
    expect(await runCli(['preview', 'usage', '--range', '30d', '--out', out], io)).toBe(0);
    const stdout = io.out.join('');
    expect(stdout).toContain('https://app.slack.com/block-kit-builder#%7B%22blocks%22');
    expect(await readdir(out)).toContain('usage.json');
  });

  it('preview rejects an unknown report with exit 2', async () => {
    const io = captureIo({});
    expect(await runCli(['preview', 'everything'], io)).toBe(2);
    expect(io.err.join('')).toContain('usage|top|reviews|digest|leadership');
  });
});
