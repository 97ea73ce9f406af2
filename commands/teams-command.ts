import { buildTeamsReport } from '../reports/teams/teams-report.js';
import { computeFreshness } from '../src/figures/freshness.js';
import { teamsUnavailableReply } from './admin-only.js';
import type { TeamsRequest } from './args/parsed-command.js';
import { callOptions } from './call-options.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { answerWithinHistory } from './history-window.js';

/**
 * `/codex teams [range]` (issue 12): adoption by team for everyone. Non-admins never see a team under
 * five matched members by name (it is folded into "other teams"); an admin's answer may show such
 * teams, so it is not shareable when it does — sharing would show them to the channel.
 */
export async function runTeams(
  parsed: TeamsRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  const teams = deps.teams;
  if (!teams) return teamsUnavailableReply();
  return answerWithinHistory(
    parsed.window,
    deps.analytics,
    { ...callOptions(invocation), title: 'Codex adoption by team' },
    async (window) => {
      const answer = await teams.analytics.teamFigures(window);
      const message = buildTeamsReport({
        ...answer,
        freshness: { ...computeFreshness(window, invocation.now), stored: answer.stored },
        isAdmin: invocation.isAdmin,
      });
      const showsSmallTeams =
        invocation.isAdmin && answer.current.teams.some((team) => team.belowPrivacyThreshold);
      return {
        kind: 'message',
        message,
        visibility: 'ephemeral',
        audience: showsSmallTeams ? 'requester' : 'channel',
        shareable: !showsSmallTeams,
      };
    },
  );
}
