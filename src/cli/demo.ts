/**
 * `codex-pulse demo` (`npm run demo`, the README's first command): no configuration needed. Starts the
 * simulator in-process with the demo credentials and 200 users, reads it through the real client over
 * HTTP, prints a short summary of real figures, then previews the weekly digest with its charts.
 */
import type { CliCommand } from './cli-command.js';
import { openCodexSession } from './codex-session.js';
import { demoSummary } from './demo-summary.js';
import { runPreview } from './preview.js';
import { describeWritten } from './write-preview.js';

const usage = `Usage: codex-pulse demo [--out DIR]

Runs Codex Pulse against its built-in simulator (200 simulated users): prints last week's figures and
writes the weekly digest's Block Kit JSON and chart PNGs to DIR (default ./out). Needs no configuration.`;

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'Try Codex Pulse on simulated data: figures in the terminal, the weekly digest in ./out',
  usage,
  options: { out: { type: 'string' } },
  async run({ values }, io) {
    const outDir = typeof values.out === 'string' ? values.out : './out';
    const session = await openCodexSession(io, { simulator: 'always', users: 200 });
    try {
      io.stdout(
        'Codex Pulse demo — simulated workspace with 200 users, read over HTTP by the real client.\n\n',
      );
      io.stdout(`${await demoSummary(session.composition)}\n\n`);
      const written = await runPreview(session, 'digest', { outDir });
      io.stdout(
        `Weekly digest preview (${written.length} messages):\n${describeWritten(written, { links: false })}\n\n`,
      );
      io.stdout(
        `Files are in ${outDir}. 'codex-pulse preview digest' also prints Block Kit Builder links; connect Slack next (README).\n`,
      );
      return 0;
    } finally {
      await session.close();
    }
  },
};
