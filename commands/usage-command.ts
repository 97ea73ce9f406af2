import { formatWindow } from '../reports/blocks/format.js';
import { buildUsageReport } from '../reports/usage/usage-report.js';
import type { UsageRequest } from './args/parsed-command.js';
import { callOptions } from './call-options.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { answerWithinHistory } from './history-window.js';
import { resolveTeamFilter, teamTitle } from './team-filter.js';

/**
 * `/codex usage [range] [surface] [by day|week|month|quarter] [team @group]`: workspace (or one team's)
 * adoption and usage. Aggregate only, so anyone may ask and share it — except a team under five matched
 * members, which only an admin sees, and then to themselves alone (issue 12 §4).
 */
export async function runUsage(
  parsed: UsageRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  const team = await resolveTeamFilter(parsed.team, invocation, deps);
  if (team.kind === 'reply') return team.reply;
  const { filter } = team;
  const options = callOptions(invocation);
  return answerWithinHistory(
    parsed.window,
    deps.analytics,
    { ...options, title: `Codex usage${teamTitle(filter)}` },
    async (window) => {
      const view = await deps.analytics.usage(window, {
        ...options,
        bucket: parsed.bucket,
        surface: parsed.surface,
        team: filter?.scope,
      });
      const message = buildUsageReport(
        { adoption: view.adoption, usage: view.usage },
        {
          freshness: view.freshness,
          ...(filter === null ? {} : { title: `Codex usage${teamTitle(filter)} · ${formatWindow(window)}` }),
        },
      );
      const small = filter?.small === true;
      return {
        kind: 'message',
        message,
        visibility: 'ephemeral',
        audience: small ? 'requester' : 'channel',
        shareable: !small,
      };
    },
  );
}
