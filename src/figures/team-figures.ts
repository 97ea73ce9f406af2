/**
 * Adoption by team (issue 12): per team, its members (the denominator), who was active in the window,
 * the adoption rate, who never started, who lapsed, who is new, and the credits they spent — joined from
 * per-user activity and the warehouse's memberships. Pure: activity and memberships in, figures out.
 *
 * Definitions (a member is a person of the team; members no Codex user matched by their email count as
 * never started, like `/codex inactive` lists them):
 * - active: any active row (threads, turns or credits above zero) in the window;
 * - never started: no active row ever, up to the window's end — but not a member with neither a Codex
 *   match nor an email (a Slack profile hiding it): nothing says whether they use Codex, so
 *   findInactiveMembers never lists them and they are counted apart, as `withoutEmail`;
 * - lapsed: active before, but not in the last LAPSED_DAYS days before the window's end;
 * - new this period: their first active day ever lies in the window;
 * - credits: their rows' credits in the window;
 * - usd: their active rows' estimated USD in the window (estimatedUsd, always an estimate);
 * - top surface: the surface carrying most of the group's credits in the window (null without credits).
 * "Ever" means the activity given: summarise rows from the start of history, not only the window's
 * (summariseUserActivity, or the warehouse's userActivity in SQL).
 * A person in two teams counts in both, and once in the workspace figures.
 */
import type { Surface } from '../domain/surfaces.js';
import { DAY_SECONDS, type TimeWindow } from '../domain/utc-days.js';
import type { GroupFigures, TeamFigures, TeamFiguresResult } from './figure-types.js';
import type { UserActivity } from './user-activity.js';
import { topSurfaceOf, type UserSpend } from './user-spend.js';

/** "Lapsed" means no activity in this many days before the window's end. */
export const LAPSED_DAYS = 14;
/** A team with fewer matched members shows no figures of its own to non-admins (issue 12, part 4). */
export const TEAM_PRIVACY_MIN_MEMBERS = 5;

export interface TeamFiguresTeam {
  id: string;
  name: string;
  /** The seats group: reported as `seats`, not as a team. */
  seats: boolean;
}

export interface TeamFiguresMember {
  teamId: string;
  /** One person across teams (Slack user id, or `email:…`). */
  memberKey: string;
  /** Their Slack profile's (or roster's) email; null when the profile hides it. */
  email: string | null;
  codexUserId: string | null;
}

/** One person of a group: their Codex user (a later non-null one wins) and whether any row had an email. */
interface GroupPerson {
  codexUserId: string | null;
  hasEmail: boolean;
}

/** Adds a membership row to a group, keeping what any of the person's rows knew. */
function addPerson(people: Map<string, GroupPerson>, key: string, person: GroupPerson): void {
  const known = people.get(key);
  people.set(key, {
    codexUserId: person.codexUserId ?? known?.codexUserId ?? null,
    hasEmail: person.hasEmail || (known?.hasEmail ?? false),
  });
}

export type { GroupFigures, TeamFigures, TeamFiguresResult } from './figure-types.js';

/** The figures of a group without members: where a group has none, or figures are unavailable. */
export const NO_GROUP_FIGURES: Readonly<GroupFigures> = Object.freeze({
  members: 0,
  matchedMembers: 0,
  active: 0,
  adoptionRate: null,
  neverStarted: 0,
  withoutEmail: 0,
  lapsed: 0,
  newThisPeriod: 0,
  credits: 0,
  usd: 0,
  topSurface: null,
});

/** Computes the figures of every team over `window`. */
export function computeTeamFigures(input: {
  activity: Iterable<UserActivity>;
  /** Each user's spend in `window` (summariseUserSpend, or the warehouse in SQL). */
  spend: Iterable<UserSpend>;
  teams: readonly TeamFiguresTeam[];
  members: readonly TeamFiguresMember[];
  window: TimeWindow;
}): TeamFiguresResult {
  const { window } = input;
  const histories = new Map<string, UserActivity>();
  for (const user of input.activity) histories.set(user.userId, user);
  const spends = new Map<string, UserSpend>();
  for (const user of input.spend) spends.set(user.userId, user);
  const lapsedSince = window.end - LAPSED_DAYS * DAY_SECONDS;
  const byTeam = new Map<string, Map<string, GroupPerson>>();
  for (const member of input.members) {
    let people = byTeam.get(member.teamId);
    if (!people) {
      people = new Map();
      byTeam.set(member.teamId, people);
    }
    addPerson(people, member.memberKey, { codexUserId: member.codexUserId, hasEmail: member.email !== null });
  }

  const figuresOf = (people: ReadonlyMap<string, GroupPerson>): GroupFigures => {
    const figures: GroupFigures = { ...NO_GROUP_FIGURES, members: people.size };
    const bySurface: Partial<Record<Surface, number>> = {};
    for (const { codexUserId, hasEmail } of people.values()) {
      if (codexUserId !== null) figures.matchedMembers += 1;
      if (codexUserId === null && !hasEmail) {
        figures.withoutEmail += 1;
        continue;
      }
      const spend = codexUserId === null ? undefined : spends.get(codexUserId);
      if (spend) {
        figures.usd += spend.usd;
        for (const [surface, credits] of Object.entries(spend.creditsBySurface) as [Surface, number][]) {
          bySurface[surface] = (bySurface[surface] ?? 0) + credits;
        }
      }
      const history = codexUserId === null ? undefined : histories.get(codexUserId);
      if (!history) {
        figures.neverStarted += 1;
        continue;
      }
      figures.credits += history.credits;
      if (history.activeInWindow) figures.active += 1;
      if (history.lastActive < lapsedSince) figures.lapsed += 1;
      if (history.firstActive >= window.start) figures.newThisPeriod += 1;
    }
    figures.adoptionRate = people.size === 0 ? null : figures.active / people.size;
    figures.topSurface = topSurfaceOf(bySurface);
    return figures;
  };

  const teams: TeamFigures[] = [];
  const everyone = new Map<string, GroupPerson>();
  const folded = new Map<string, GroupPerson>();
  const large = new Map<string, GroupPerson>();
  let foldedTeams = 0;
  let seats: GroupFigures | null = null;
  for (const team of input.teams) {
    const people = byTeam.get(team.id) ?? new Map<string, GroupPerson>();
    if (team.seats) {
      seats = figuresOf(people);
      continue;
    }
    for (const [key, person] of people) addPerson(everyone, key, person);
    const figures = figuresOf(people);
    const belowPrivacyThreshold = figures.matchedMembers < TEAM_PRIVACY_MIN_MEMBERS;
    if (belowPrivacyThreshold) foldedTeams += 1;
    const group = belowPrivacyThreshold ? folded : large;
    for (const [key, person] of people) addPerson(group, key, person);
    teams.push({ teamId: team.id, name: team.name, ...figures, belowPrivacyThreshold });
  }
  teams.sort(
    (a, b) =>
      (b.adoptionRate ?? -1) - (a.adoptionRate ?? -1) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  return {
    teams,
    workspace: figuresOf(everyone),
    seats,
    otherTeams: { ...figuresOf(folded), teams: foldedTeams },
    largeTeams: figuresOf(large),
  };
}
