import { buildUnmatchedReport } from '../reports/teams/unmatched-report.js';
import { adminOnlyReply, teamsUnavailableReply } from './admin-only.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';

/**
 * `/codex teams unmatched` (issue 12 §1a): admins only — the Codex users no Slack profile matched, by
 * email, to the asker alone and never shareable (it names people).
 */
export async function runTeamsUnmatched(
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  if (!invocation.isAdmin) return adminOnlyReply('`/codex teams unmatched`');
  const teams = deps.teams;
  if (!teams) return teamsUnavailableReply();
  const answer = await teams.analytics.unmatchedUsers();
  return {
    kind: 'message',
    message: buildUnmatchedReport(answer),
    visibility: 'ephemeral',
    audience: 'requester',
    shareable: false,
    namedPeople: answer.people.length,
  };
}
