/**
 * Who to reach out to (issue 12: `/codex inactive`, `/codex nudge inactive`): the people of the teams
 * (and of the seats group) who never started with Codex, or who lapsed — active before, not in the last
 * `lapsedDays` days. Pure: activity and memberships in, one entry per person out, with the teams they
 * are in. Per-person data: admins only, which the commands enforce.
 */
import { DAY_SECONDS } from '../domain/utc-days.js';
import type { UserActivity } from './user-activity.js';

export type InactiveStatus = 'never_started' | 'lapsed';

export interface InactiveMemberInput {
  teamId: string;
  memberKey: string;
  slackUserId: string | null;
  email: string | null;
  codexUserId: string | null;
}

export interface InactiveMember {
  /** One person across teams (Slack user id, or `email:…` for a roster person without Slack). */
  memberKey: string;
  slackUserId: string | null;
  email: string | null;
  status: InactiveStatus;
  /** Start of their last active day (Unix seconds); null for never started. */
  lastActive: number | null;
  /**
   * False when no Codex user has their email: they may never have started, or use Codex under another
   * email (an alias), which `/codex teams unmatched` would show from the Codex side.
   */
  matched: boolean;
  /** The teams (ids) they are in among those asked about, sorted. */
  teamIds: string[];
}

export interface InactiveMembers {
  people: InactiveMember[];
  /**
   * People with neither an email nor a Codex match (a Slack profile that hides its email): nothing says
   * whether they use Codex, so they are counted here and never listed or nudged as inactive.
   */
  withoutEmail: number;
}

/**
 * Inactive people as of `asOf` (Unix seconds), of the teams in `teamIds` (every team given when null).
 * `activity` must summarise history up to `asOf` (WarehouseTeams.userActivity). Never started first,
 * then lapsed, longest-idle first; ties by member key.
 */
export function findInactiveMembers(input: {
  activity: Iterable<UserActivity>;
  members: readonly InactiveMemberInput[];
  teamIds: ReadonlySet<string> | null;
  asOf: number;
  lapsedDays: number;
}): InactiveMembers {
  const histories = new Map<string, UserActivity>();
  for (const user of input.activity) histories.set(user.userId, user);
  const lapsedSince = input.asOf - input.lapsedDays * DAY_SECONDS;
  const people = new Map<string, InactiveMemberInput & { teamIds: Set<string> }>();
  for (const member of input.members) {
    if (input.teamIds !== null && !input.teamIds.has(member.teamId)) continue;
    const known = people.get(member.memberKey);
    if (known) {
      known.teamIds.add(member.teamId);
      // Another source may know them better (a Codex match, a Slack id): keep what any source knew.
      known.codexUserId ??= member.codexUserId;
      known.slackUserId ??= member.slackUserId;
      known.email ??= member.email;
    } else people.set(member.memberKey, { ...member, teamIds: new Set([member.teamId]) });
  }
  const inactive: InactiveMember[] = [];
  let withoutEmail = 0;
  for (const person of people.values()) {
    if (person.codexUserId === null && person.email === null) {
      withoutEmail += 1;
      continue;
    }
    const history = person.codexUserId === null ? undefined : histories.get(person.codexUserId);
    const status: InactiveStatus | null = !history
      ? 'never_started'
      : history.lastActive < lapsedSince
        ? 'lapsed'
        : null;
    if (status === null) continue;
    inactive.push({
      memberKey: person.memberKey,
      slackUserId: person.slackUserId,
      email: person.email,
      status,
      lastActive: history ? history.lastActive : null,
      matched: person.codexUserId !== null,
      teamIds: [...person.teamIds].sort(),
    });
  }
  const rank = (m: InactiveMember) => (m.status === 'never_started' ? 0 : 1);
  inactive.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.lastActive ?? 0) - (b.lastActive ?? 0) ||
      (a.memberKey < b.memberKey ? -1 : a.memberKey > b.memberKey ? 1 : 0),
  );
  return { people: inactive, withoutEmail };
}
