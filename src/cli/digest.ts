/**
 * `codex-pulse digest run [--at ISO-time] [--dry-run]`: the one-shot runner for platforms with their own
 * scheduler. It delivers every subscription due at that time — with the same exactly-once claims as the
 * scheduler in `serve`, so it can run next to it, and a repeat delivers nothing new — then exits.
 */
import { loadConfig } from '../config/env.js';
import { ConfigError, UsageError } from '../errors.js';
import { createLogger } from '../logger.js';
import { openDigestRuntime } from '../main/digest-runtime.js';
import { openComposition } from '../main/open-composition.js';
import type { CliCommand } from './cli-command.js';
import { formatRunSummary } from './digest-summary.js';
import { parseAt } from './parse-at.js';

const usage = `Usage: codex-pulse digest run [--at ISO-time] [--dry-run]

Delivers every digest subscription due at that time (default: now), catches up those missed within
the last 24 h, and exits. Safe to repeat and to run beside \`serve\`: each subscription's week is
delivered once. Exit code 1 when any delivery failed.
  --at ISO-time   run as of this instant, with its zone: 2026-11-23T09:00:00Z or 2026-11-23T10:00+01:00
  --dry-run       print what would be posted; post and record nothing
Needs CODEX_API_KEY and CODEX_WORKSPACE_ID, SLACK_BOT_TOKEN (not for --dry-run), and DATA_DIR (embedded
store, default ./data) or DATABASE_URL (PostgreSQL).`;

export const digestCommand: CliCommand = {
  name: 'digest',
  summary: 'Deliver the digests due now (or --at a time) once, and exit',
  usage,
  options: { at: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    if (positionals[0] !== 'run' || positionals.length > 1)
      throw new UsageError(`expected 'digest run', got 'digest ${positionals.join(' ')}'`);
    const config = loadConfig(io.env, ['codex']);
    const at = parseAt(values.at, io.clock.now());
    const dryRun = values['dry-run'] === true;
    const token = config.slack.botToken;
    if (!token && !dryRun)
      throw new ConfigError(['SLACK_BOT_TOKEN: required to post digests (or use --dry-run)']);
    const logger = createLogger({
      level: io.env.LOG_LEVEL ? config.logLevel : 'warn',
      write: (line) => io.stderr(`${line}\n`),
    });
    const composition = await openComposition(config, { logger, clock: io.clock });
    try {
      // A dry run never calls Slack: a placeholder token keeps the digest service's client well-formed.
      const slack = { ...config.slack, botToken: token ?? 'xoxb-dry-run' };
      const digests = await openDigestRuntime(composition, { store: config.store, slack });
      try {
        const summary = await digests.service.runDue(at, { dryRun, signal: io.stopSignal });
        io.stdout(formatRunSummary(summary, dryRun));
        const failed = summary.results.filter((r) => r.outcome.status === 'failed').length;
        if (failed === 0) return 0;
        io.stderr(
          `codex-pulse digest: ${failed} deliver${failed === 1 ? 'y' : 'ies'} failed (see the table above)\n`,
        );
        return 1;
      } finally {
        await digests.close();
      }
    } finally {
      await composition.close();
    }
  },
};
