import { buildInactiveReport } from '../reports/teams/inactive-report.js';
import { adminOnlyReply, teamsUnavailableReply } from './admin-only.js';
import { DEFAULT_LAPSED_DAYS } from './args/parse-teams.js';
import type { InactiveRequest } from './args/parsed-command.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { unknownTeamReply } from './unknown-team-reply.js';

/**
 * `/codex inactive [Nd] [team] [page N]` (issue 12): admins only — the people who never started or
 * lapsed, named, to the asker alone and never shareable (per-person lists stay with admins).
 */
export async function runInactive(
  parsed: InactiveRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  if (!invocation.isAdmin) return adminOnlyReply('`/codex inactive`');
  const teams = deps.teams;
  if (!teams) return teamsUnavailableReply();
  const answer = await teams.analytics.inactiveMembers({ lapsedDays: parsed.lapsedDays, team: parsed.team });
  if (answer.kind === 'unknown_team') return unknownTeamReply(answer.query, answer.known);
  const teamName = answer.team?.name ?? null;
  const message = buildInactiveReport({
    refresh: answer.refresh,
    teamName,
    teamNames: new Map([...answer.teams].map(([id, team]) => [id, team.name])),
    people: answer.people,
    withoutEmail: answer.withoutEmail,
    unmatchedCodexUsers: answer.unmatchedCodexUsers,
    lapsedDays: answer.lapsedDays,
    asOf: answer.asOf,
    page: parsed.page,
    pageCommand: (n) =>
      [
        '/codex inactive',
        ...(parsed.lapsedDays === DEFAULT_LAPSED_DAYS ? [] : [`${parsed.lapsedDays}d`]),
        ...(teamName === null ? [] : [teamName]),
        `page ${n}`,
      ].join(' '),
    stored: answer.stored,
  });
  return {
    kind: 'message',
    message,
    visibility: 'ephemeral',
    audience: 'requester',
    shareable: false,
    namedPeople: answer.people.length,
  };
}
