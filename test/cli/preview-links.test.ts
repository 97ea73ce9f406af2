import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLimits } from '../../reports/limits/check-limits.js';
import { buildTopUsersReport } from '../../reports/top/top-users-report.js';
import type { CliIo } from '../../src/cli/cli-command.js';
import { runCli } from '../../src/cli/main.js';
import { describeWritten, writePreview } from '../../src/cli/write-preview.js';
import { systemQuietTimer } from '../../src/slack/quiet-timer.js';
import { everyCommand, startSimulatedApi } from '../helpers/cli-table.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { testClock } from '../helpers/test-clock.js';
import { freshness, ranking } from '../reports/figure-fixtures.js';

async function preview(kind: string, out: string): Promise<string> {
  const stdout: string[] = [];
  const io: CliIo = {
    stdout: (t) => stdout.push(t),
    stderr: () => undefined,
    env: {},
    stopSignal: new AbortController().signal,
    startSimulatedApi,
    clock: testClock(),
    quietTimer: systemQuietTimer,
  };
  expect(await runCli(['preview', kind, '--out', out], io, everyCommand)).toBe(0);
  return stdout.join('');
}

/** Every payload a printed line hands to Block Kit Builder: links, or the builder files named instead. */
async function builderPayloads(stdout: string): Promise<Array<{ blocks: KnownBlock[] }>> {
  const links = [...stdout.matchAll(/https:\/\/app\.slack\.com\/block-kit-builder#(\S+)/g)].map((m) =>
    JSON.parse(decodeURIComponent(m[1] ?? '')),
  );
  const files = [...stdout.matchAll(/paste (\S+\.builder\.json) into/g)];
  const pasted = await Promise.all(files.map(async (m) => JSON.parse(await readFile(m[1] ?? '', 'utf8'))));
  return [...links, ...pasted] as Array<{ blocks: KnownBlock[] }>;
}

/**
 * Issue 9 (4.3): the Builder rejects image blocks that point at local file names. Every printed link
 * must open as a valid message: charts become public placeholders of the same size, and the output
 * says where the real PNG is.
 */
describe.each(['usage', 'top', 'digest', 'leadership'])('preview %s: Block Kit Builder links', (kind) => {
  let dir: string;
  let stdout: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'codex-pulse-links-'));
    stdout = await preview(kind, dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('open valid messages: every image is a public https placeholder, every payload within limits', async () => {
    const messages = (stdout.match(/^Message \d+:/gm) ?? []).length;
    const payloads = await builderPayloads(stdout);
    expect(payloads).toHaveLength(messages);
    let images = 0;
    for (const payload of payloads) {
      expect(checkLimits({ text: 'preview', blocks: payload.blocks, charts: [] })).toEqual([]);
      for (const block of payload.blocks) {
        if (block.type !== 'image') continue;
        images += 1;
        expect('image_url' in block && block.image_url).toMatch(/^https:\/\/placehold\.co\/\d+x\d+\/png\?/);
        // The title names the real PNG for the reader; only the URL is fetched, and it is public.
        expect(block.title?.text).toMatch(/placeholder; the real chart is [\w-]+\.png$/);
        expect(JSON.stringify(block)).not.toContain(dir);
      }
    }
    expect(images).toBeGreaterThan(0);
  });

  it('say that the charts in the link are placeholders and where each real PNG was written', () => {
    const pngs = [...stdout.matchAll(/^\s+(\S+\.png)$/gm)].map((m) => m[1]);
    expect(pngs.length).toBeGreaterThan(0);
    expect(stdout).toContain('placeholder');
    for (const png of pngs) expect(png?.startsWith(dir)).toBe(true);
  });

  it('keep the JSON on disk pointing at the PNG next to it', async () => {
    const json = JSON.parse(
      await readFile(
        join(dir, kind === 'usage' || kind === 'top' ? `${kind}.json` : `${kind}-1.json`),
        'utf8',
      ),
    ) as {
      blocks: KnownBlock[];
    };
    const image = json.blocks.find((b) => b.type === 'image');
    expect(image && 'image_url' in image ? image.image_url : '').toMatch(/^[\w-]+\.png$/);
  });
});

describe('a message whose Builder link is too long to print', () => {
  it('gets <name>.builder.json with the same placeholder payload, named in the output', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'codex-pulse-long-'));
    try {
      // 60 ranking rows: ~7k characters of mrkdwn, far over the 8k link once URL-encoded.
      const message = buildTopUsersReport(ranking('many'), { freshness: freshness(), topN: 60 });
      const png = {
        kind: 'png',
        png: Buffer.from('89504e470d0a1a0a', 'hex'),
        width: 1600,
        height: 800,
      } as const;
      const written = await writePreview(
        { renderChart: async () => png, logger: createMemoryLogger() },
        'top',
        [message],
        dir,
      );
      const [only] = written;
      expect(only?.link).toBeNull();
      expect(only?.builderPath).toBe(join(dir, 'top.builder.json'));
      const out = describeWritten(written);
      expect(out).toContain(`paste ${join(dir, 'top.builder.json')} into`);
      expect(out).toContain('placeholder');
      const [payload] = await builderPayloads(out);
      const image = payload?.blocks.find((b) => b.type === 'image');
      expect(image && 'image_url' in image ? image.image_url : '').toMatch(
        /^https:\/\/placehold\.co\/800x\d+\/png\?/,
      );
      expect(checkLimits({ text: 'preview', blocks: payload?.blocks ?? [], charts: [] })).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
