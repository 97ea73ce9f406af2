/**
 * Where teams come from (issue 12): Slack user groups, channels, a roster file — any mix. Each source
 * is an adapter behind this one interface; the identity refresh (refresh-identities.ts) loads them all
 * and resolves their members to Codex users.
 */

export type TeamOrigin = 'usergroup' | 'channel' | 'roster';

/**
 * One member as a source knows them: Slack sources know user ids, a roster knows emails (plus its
 * optional manager and cost centre).
 */
export type TeamMemberRef =
  | { kind: 'slack'; slackUserId: string }
  | { kind: 'email'; email: string; manager: string | null; costCentre: string | null };

export interface TeamDefinition {
  /** Stable across refreshes: the group or channel id, or `roster:<team name>`. */
  id: string;
  /** What people type and read: `@platform`, `#team-payments`, `Payments`. */
  name: string;
  origin: TeamOrigin;
  /** True for the SEATS_GROUP: its members hold a Codex seat; it is not shown as a team. */
  seats: boolean;
  members: TeamMemberRef[];
}

export interface TeamSource {
  readonly origin: TeamOrigin;
  /** Every team of this source with its members; throws rather than return part of them. */
  load(signal?: AbortSignal): Promise<TeamDefinition[]>;
}
