import { buildUsageReport } from '../reports/usage/usage-report.js';
import type { UsageRequest } from './args/parsed-command.js';
import { callOptions } from './call-options.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { answerWithinHistory } from './history-window.js';

/**
 * `/codex usage [range] [surface] [by day|week|month|quarter]`: workspace adoption and usage. Aggregate only, so
 * anyone may ask and share it.
 */
export async function runUsage(
  parsed: UsageRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  const options = callOptions(invocation);
  return answerWithinHistory(
    parsed.window,
    deps.analytics,
    { ...options, title: 'Codex usage' },
    async (window) => {
      const view = await deps.analytics.usage(window, {
        ...options,
        bucket: parsed.bucket,
        surface: parsed.surface,
      });
      const message = buildUsageReport(
        { adoption: view.adoption, usage: view.usage },
        { freshness: view.freshness },
      );
      return { kind: 'message', message, visibility: 'ephemeral', audience: 'channel', shareable: true };
    },
  );
}
