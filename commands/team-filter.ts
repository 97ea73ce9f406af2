/**
 * The `team` filter of `usage`, `top`, `export` and `digest subscribe` (issue 12 §3): the team a person
 * typed, resolved by TeamAnalytics (the resolution `inactive` and `nudge` use), checked against the
 * privacy rule (issue 12 §4) — a team under TEAM_PRIVACY_MIN_MEMBERS matched members shows no figures
 * of its own to non-admins — or the reply that says why there are no figures.
 */
import { section } from '../reports/blocks/block-helpers.js';
import { formatLabel } from '../reports/blocks/escape-mrkdwn.js';
import type { TeamScope } from '../src/analytics/workspace-analytics.js';
import { TEAM_PRIVACY_MIN_MEMBERS } from '../src/figures/team-figures.js';
import { teamsUnavailableReply } from './admin-only.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { unknownTeamReply } from './unknown-team-reply.js';

/** A team to filter by, with what a reply must know about it. */
export interface TeamFilter {
  /** The stored team's name (`@platform`, `#team-payments`, `Data Science`): headers say it. */
  name: string;
  scope: TeamScope;
  /** Under the privacy threshold (only admins get this far): the answer stays with the asker. */
  small: boolean;
}

/** No team typed (`filter: null`), a team, or the reply that ends the command instead. */
export type TeamFilterResult =
  | { kind: 'filter'; filter: TeamFilter | null }
  | { kind: 'reply'; reply: CommandReply };

/**
 * Resolves `team` (as typed; null = none). `allowSmall`: whether an admin may see a small team's figures
 * (a reply to the asker may; a digest posted to a channel may not).
 */
export async function resolveTeamFilter(
  team: string | null,
  invocation: Pick<CommandInvocation, 'isAdmin'>,
  deps: Pick<CommandDeps, 'teams'>,
  allowSmall = invocation.isAdmin,
): Promise<TeamFilterResult> {
  if (team === null) return { kind: 'filter', filter: null };
  if (!deps.teams) return { kind: 'reply', reply: teamsUnavailableReply() };
  const resolved = await deps.teams.analytics.resolveTeam(team);
  if (resolved.kind === 'unknown_team') {
    return { kind: 'reply', reply: unknownTeamReply(resolved.query, resolved.known) };
  }
  const small = resolved.matchedMembers < TEAM_PRIVACY_MIN_MEMBERS;
  if (small && !allowSmall) return { kind: 'reply', reply: smallTeamReply(resolved.team.name) };
  return { kind: 'filter', filter: { name: resolved.team.name, scope: resolved.scope, small } };
}

/** Why a small team shows no figures: no number of any kind, not even its member count. */
export function smallTeamText(name: string): string {
  return (
    `${formatLabel(name)} has fewer than ${TEAM_PRIVACY_MIN_MEMBERS} members matched to a Codex user, so its ` +
    'figures are not shown on their own: with so few people they would point at individuals. ' +
    '`/codex teams` shows it folded into "other teams".'
  );
}

function smallTeamReply(name: string): CommandReply {
  const text = smallTeamText(name);
  return {
    kind: 'message',
    message: { text, blocks: [section(`:lock: ${text}`)], charts: [] },
    visibility: 'ephemeral',
    audience: 'requester',
    shareable: false,
  };
}

/** `team @platform`: how a header names the team. */
export function teamTitle(filter: TeamFilter | null): string {
  return filter === null ? '' : ` · team ${filter.name}`;
}
