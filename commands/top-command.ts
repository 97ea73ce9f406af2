import { formatWindow } from '../reports/blocks/format.js';
import { buildAggregateRankingNote } from '../reports/top/aggregate-ranking-note.js';
import { rankName } from '../reports/top/ranking-lines.js';
import { buildTopUsersReport, namedInRanking } from '../reports/top/top-users-report.js';
import type { TopRequest } from './args/parsed-command.js';
import { callOptions } from './call-options.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { answerWithinHistory } from './history-window.js';
import { resolveTeamFilter, type TeamFilter, teamTitle } from './team-filter.js';

/**
 * The smallest group whose credit share a non-admin may see: with `top 1` the "share of the top 1"
 * would be one person's number, name or not.
 */
export const MIN_AGGREGATE_GROUP = 5;

/**
 * `/codex top … [team @group]`: the user ranking for admins (ephemeral; shareable, since only an admin
 * can hold it). Everyone else gets the concentration of credits — the top group's share and the user
 * count — with a note on why there are no names (the issue: per-user data is for admins only). With a
 * team, both are over its matched members; a team under five of them is for admins only (issue 12 §4).
 */
export async function runTop(
  parsed: TopRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  const team = await resolveTeamFilter(parsed.team, invocation, deps);
  if (team.kind === 'reply') return team.reply;
  return answerWithinHistory(
    parsed.window,
    deps.analytics,
    { ...callOptions(invocation), title: `Codex top users${teamTitle(team.filter)}` },
    (window) => answerTop({ ...parsed, window }, team.filter, invocation, deps),
  );
}

async function answerTop(
  parsed: TopRequest,
  filter: TeamFilter | null,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  const window = formatWindow(parsed.window);
  if (invocation.isAdmin) {
    const view = await deps.analytics.ranking(parsed.window, {
      ...callOptions(invocation),
      sortBy: parsed.key,
      surface: parsed.surface,
      topN: parsed.limit,
      team: filter?.scope,
    });
    const message = buildTopUsersReport(view.ranking, {
      freshness: view.freshness,
      topN: parsed.limit,
      ...(filter === null
        ? {}
        : { title: `Top Codex users by ${rankName(parsed.key)}${teamTitle(filter)} · ${window}` }),
    });
    const namedPeople = namedInRanking(view.ranking, parsed.limit);
    return {
      kind: 'message',
      message,
      visibility: 'ephemeral',
      audience: 'requester',
      // A small team's figures stay with admins: sharing would show them to the channel.
      shareable: filter?.small !== true,
      namedPeople,
    };
  }
  // Concentration is a statement about credits, whatever key was asked for.
  const view = await deps.analytics.ranking(parsed.window, {
    ...callOptions(invocation),
    sortBy: 'credits',
    surface: parsed.surface,
    topN: Math.max(parsed.limit, MIN_AGGREGATE_GROUP),
    team: filter?.scope,
  });
  const message = buildAggregateRankingNote(view.ranking, {
    freshness: view.freshness,
    ...(filter === null ? {} : { title: `How concentrated Codex usage is${teamTitle(filter)} · ${window}` }),
  });
  // No names, yet still a ranking: like the admin's, it goes to the asker alone until they share it.
  return { kind: 'message', message, visibility: 'ephemeral', audience: 'requester', shareable: true };
}
