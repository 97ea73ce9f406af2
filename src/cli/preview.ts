/**
 * `codex-pulse preview <usage|top|reviews|digest|leadership> [--range R] [--out DIR]`: builds a report
 * exactly as Slack would receive it (real API, or the in-process simulator when no CODEX_API_KEY is set),
 * renders its charts and writes the Block Kit JSON and PNGs to DIR, with a Block Kit Builder link each.
 */
import { UsageError } from '../errors.js';
import type { CliCommand, CliIo } from './cli-command.js';
import { type CodexSession, openCodexSession } from './codex-session.js';
import { type PreviewKind, parsePreviewKind, previewKinds, previewMessages } from './preview-messages.js';
import { describeWritten, type WrittenMessage, writePreview } from './write-preview.js';

const usage = `Usage: codex-pulse preview <${previewKinds.join('|')}> [--range R] [--out DIR]

Builds one report as Slack would get it and writes each message's Block Kit JSON and chart PNGs.
  --range R   a /codex range: 7d, 30d, last-week, last-month, 6m, 2026-11-01..2026-11-15 (not for digests)
  --out DIR   where to write the files (default ./out)
Without CODEX_API_KEY the figures come from the built-in simulator (demo data).`;

/** Builds, renders and writes one report; shared with `demo`. */
export async function runPreview(
  session: CodexSession,
  kind: PreviewKind,
  options: { range?: string; outDir: string },
): Promise<WrittenMessage[]> {
  const messages = await previewMessages(session.composition, session.registry, kind, options.range);
  return writePreview(session.composition, kind, messages, options.outDir);
}

export const previewCommand: CliCommand = {
  name: 'preview',
  summary: 'Write a report’s Block Kit JSON and chart PNGs to a folder (with Block Kit Builder links)',
  usage,
  options: { range: { type: 'string' }, out: { type: 'string' } },
  allowPositionals: true,
  async run({ values, positionals }, io: CliIo) {
    const kind = parsePreviewKind(positionals[0]);
    const range = typeof values.range === 'string' ? values.range : undefined;
    const outDir = typeof values.out === 'string' ? values.out : './out';
    if (range && (kind === 'digest' || kind === 'leadership'))
      throw new UsageError('--range does not apply to digests: they always cover the last complete week');
    const session = await openCodexSession(io);
    try {
      const written = await runPreview(session, kind, { ...(range ? { range } : {}), outDir });
      const source = session.simulated ? 'simulated demo data' : 'the Codex Analytics API';
      io.stdout(
        `Preview of '${kind}' from ${source}: ${written.length} message(s)\n${describeWritten(written)}\n`,
      );
      return 0;
    } finally {
      await session.close();
    }
  },
};
