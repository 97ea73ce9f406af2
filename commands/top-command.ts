import { buildAggregateRankingNote } from '../reports/top/aggregate-ranking-note.js';
import { buildTopUsersReport, namedInRanking } from '../reports/top/top-users-report.js';
import type { TopRequest } from './args/parsed-command.js';
import { callOptions } from './call-options.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { answerWithinHistory } from './history-window.js';

/**
 * The smallest group whose credit share a non-admin may see: with `top 1` the "share of the top 1"
 * would be one person's number, name or not.
 */
export const MIN_AGGREGATE_GROUP = 5;

/**
 * `/codex top …`: the user ranking for admins (ephemeral; shareable, since only an admin can hold it).
 * Everyone else gets the concentration of credits — the top group's share and the user count — with
 * a note on why there are no names (the issue: per-user data is for admins only).
 */
export async function runTop(
  parsed: TopRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  return answerWithinHistory(
    parsed.window,
    deps.analytics,
    { ...callOptions(invocation), title: 'Codex top users' },
    (window) => answerTop({ ...parsed, window }, invocation, deps),
  );
}

async function answerTop(
  parsed: TopRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  if (invocation.isAdmin) {
    const view = await deps.analytics.ranking(parsed.window, {
      ...callOptions(invocation),
      sortBy: parsed.key,
      surface: parsed.surface,
      topN: parsed.limit,
    });
    const message = buildTopUsersReport(view.ranking, { freshness: view.freshness, topN: parsed.limit });
    const namedPeople = namedInRanking(view.ranking, parsed.limit);
    return {
      kind: 'message',
      message,
      visibility: 'ephemeral',
      audience: 'requester',
      shareable: true,
      namedPeople,
    };
  }
  // Concentration is a statement about credits, whatever key was asked for.
  const view = await deps.analytics.ranking(parsed.window, {
    ...callOptions(invocation),
    sortBy: 'credits',
    surface: parsed.surface,
    topN: Math.max(parsed.limit, MIN_AGGREGATE_GROUP),
  });
  const message = buildAggregateRankingNote(view.ranking, { freshness: view.freshness });
  // No names, yet still a ranking: like the admin's, it goes to the asker alone until they share it.
  return { kind: 'message', message, visibility: 'ephemeral', audience: 'requester', shareable: true };
}
