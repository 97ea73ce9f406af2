import { buildLeadershipDigest } from '../reports/digest/leadership-digest.js';
import { buildWeeklyDigest } from '../reports/digest/weekly-digest.js';
import { namedInRanking } from '../reports/top/top-users-report.js';
import { withTeamAdoption } from '../src/teams/digest-team-adoption.js';
import type { DigestPreviewRequest } from './args/parsed-command.js';
import { callOptions } from './call-options.js';
import { type CommandDeps, DEFAULT_TOP_N } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { digestNotConfiguredText, findSubscription, unknownSubscriptionText } from './digest-notes.js';
import { noteReply } from './note-message.js';

/** Said to a non-admin previewing a standard subscription: it names the top users. */
const standardPreviewAdminOnlyText =
  'That subscription posts the standard digest, which names the top users, so its preview is for Codex ' +
  'Pulse admins (ADMIN_USER_IDS / ADMIN_USERGROUP_ID). `/codex digest preview` shows you the aggregate digest.';

/**
 * `/codex digest preview [id]`, shown to the asker only. Without an id: the digest of the last closed
 * Monday–Sunday week, built now — the standard digest for admins, the aggregate-only leadership digest
 * for everyone else. With an id: exactly what that subscription would post now (its style), from the
 * digest service; a standard one only for admins, since it names the top users.
 */
export async function runPreview(
  parsed: DigestPreviewRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  if (parsed.id === null) return previewWithoutSubscription(invocation, deps);
  const digests = deps.digests;
  if (digests === undefined) return noteReply(digestNotConfiguredText);
  const subscription = await findSubscription(digests, parsed.id, invocation.teamId);
  if (subscription === null) return noteReply(unknownSubscriptionText(parsed.id));
  if (subscription.style === 'standard' && !invocation.isAdmin) {
    return noteReply(standardPreviewAdminOnlyText);
  }
  const preview = await digests.service.preview(subscription.id, invocation.now);
  // Removed between the lookup and the build: unknown all the same.
  if (preview === null) return noteReply(unknownSubscriptionText(parsed.id));
  const { report, namedPeople } = preview;
  // A leadership preview names nobody; a standard one (admins only) names the top users.
  return {
    kind: 'thread',
    report,
    visibility: 'ephemeral',
    audience: 'requester',
    shareable: true,
    ...(subscription.style === 'standard' ? { namedPeople } : {}),
  };
}

async function previewWithoutSubscription(
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  const topN = deps.defaultTopN ?? DEFAULT_TOP_N;
  const figures = await deps.analytics.digest(invocation.now, { ...callOptions(invocation), topN });
  if (!invocation.isAdmin) {
    // Adoption by team, as the leadership digest a channel gets (issue 12).
    const withTeams = deps.teams
      ? await withTeamAdoption(figures, deps.teams.analytics, deps.logger)
      : figures;
    const report = buildLeadershipDigest(withTeams, { title: 'Codex leadership digest (preview)' });
    return { kind: 'thread', report, visibility: 'ephemeral', audience: 'requester', shareable: true };
  }
  const report = buildWeeklyDigest(figures, { topN, title: 'Codex weekly digest (preview)' });
  // The standard digest names its top users (topUsersReply), as many as the ranking list shows.
  const namedPeople = namedInRanking(figures.ranking, topN);
  return {
    kind: 'thread',
    report,
    visibility: 'ephemeral',
    audience: 'requester',
    shareable: true,
    namedPeople,
  };
}
