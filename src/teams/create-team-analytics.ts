/**
 * Team figures as commands and digests ask for them (issue 12): both periods' team figures in one SQL
 * statement (the pure computeTeamFigures in SQL), inactive people through the pure figures. The one
 * door to team numbers, as WorkspaceAnalytics is for workspace numbers; it reads the warehouse only.
 */
import type { TeamScope } from '../analytics/workspace-analytics.js';
import type { Clock } from '../clock.js';
import { DAY_SECONDS, startOfUtcDay, type TimeWindow, toUnixSeconds } from '../domain/utc-days.js';
import { findInactiveMembers, type InactiveMember } from '../figures/inactive-members.js';
import type { TeamFiguresResult } from '../figures/team-figures.js';
import { describeFreshness } from '../warehouse/describe-freshness.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { StoredTeam, TeamFiguresPricing, TeamRefresh } from '../warehouse/warehouse-teams.js';

export interface TeamFiguresAnswer {
  /** The newest identity refresh (null before the first): says when teams were read, or why not. */
  refresh: TeamRefresh | null;
  window: TimeWindow;
  current: TeamFiguresResult;
  /** The closed period of the same length just before `window`. */
  previousWindow: TimeWindow;
  /**
   * Null when history starts after `previousWindow` does: its figures would be zeros nobody measured,
   * and every team would read "▲ 74 pts (0% → 74%)" (issue 11 §3).
   */
  previous: TeamFiguresResult | null;
  /** The first day the warehouse holds (Unix seconds); null before the first sync. */
  historyStart: number | null;
  /** "synced 2 h ago · data through Sun 29 Nov" (the warehouse's age). */
  stored: string;
}

export type InactiveAnswer =
  | {
      kind: 'people';
      refresh: TeamRefresh | null;
      /** The team asked about; null = every team (and the seat holders). */
      team: StoredTeam | null;
      /** Every team by id, to name each person's teams. */
      teams: ReadonlyMap<string, StoredTeam>;
      people: InactiveMember[];
      /** Members with no email on their profile: not known to be inactive, so not in `people`. */
      withoutEmail: number;
      /** Codex users no Slack email matched: some `people` not matched may be them under another email. */
      unmatchedCodexUsers: number;
      /** As of (Unix seconds) and the lapse period used. */
      asOf: number;
      lapsedDays: number;
      stored: string;
    }
  | { kind: 'unknown_team'; query: string; known: string[] };

/** A Codex user no Slack profile matched (issue 12 §1a), with their recent use. */
export interface UnmatchedCodexUser {
  codexUserId: string;
  /** Null when the analytics carry no email for them. */
  email: string | null;
  /** Credits in the last `days` days. */
  credits: number;
  /** Their last active day (Unix seconds, start of the UTC day); null when never active. */
  lastActive: number | null;
}

export interface UnmatchedAnswer {
  refresh: TeamRefresh | null;
  /** Largest credits first, then the most recently active, then by email or id. */
  people: UnmatchedCodexUser[];
  asOf: number;
  days: number;
  stored: string;
}

/** The period `/codex teams unmatched` reports credits over. */
export const UNMATCHED_CREDIT_DAYS = 30;

/** A team typed as a filter (`usage team @platform`), resolved against the newest identity refresh. */
export type ResolvedTeam =
  | {
      kind: 'team';
      team: StoredTeam;
      /** The filter the analytics door takes: the team's id and its members' Codex user ids. */
      scope: TeamScope;
      /** People of the team a Codex user matched: the privacy rule's count (TEAM_PRIVACY_MIN_MEMBERS). */
      matchedMembers: number;
    }
  | { kind: 'unknown_team'; query: string; known: string[] };

export interface TeamAnalytics {
  /**
   * The team a person typed (a name, @handle, #channel, id or escaped mention; never the seats group),
   * with its matched members, or the known team names when none has that name.
   */
  resolveTeam(query: string): Promise<ResolvedTeam>;
  /** Every team's figures over `window` and over the period before it (its top surfaces null). */
  teamFigures(window: TimeWindow): Promise<TeamFiguresAnswer>;
  /** Lapsed and never-started people now, of one team (`team`: a name, @handle, #channel or id) or all. */
  inactiveMembers(options: { lapsedDays: number; team: string | null }): Promise<InactiveAnswer>;
  /** The Codex users the last refresh matched to no Slack person, with their last 30 days' credits. */
  unmatchedUsers(): Promise<UnmatchedAnswer>;
}

/** The team a person typed: an id, a name with or without its @/#, or Slack's escaped mention. */
export function matchTeam(teams: readonly StoredTeam[], query: string): StoredTeam | null {
  const escaped = /^<(?:!subteam\^|#)([A-Z0-9]+)(?:\|[^>]*)?>$/.exec(query.trim());
  if (escaped?.[1]) return teams.find((t) => t.id === escaped[1]) ?? null;
  const bare = (name: string) => name.trim().toLowerCase().replace(/^[@#]/, '');
  const wanted = bare(query);
  return (
    teams.find((t) => t.id === query.trim()) ??
    teams.find((t) => t.name.toLowerCase() === query.trim().toLowerCase()) ??
    teams.find((t) => bare(t.name) === wanted) ??
    null
  );
}

export function createTeamAnalytics(deps: {
  warehouse: Pick<Warehouse, 'teams' | 'freshness'>;
  clock: Clock;
  /** CREDIT_PRICE_USD and the surface mapper: each team's estimated USD and top surface. */
  pricing: TeamFiguresPricing;
}): TeamAnalytics {
  const { teams: store } = deps.warehouse;
  const stored = async () => describeFreshness(await deps.warehouse.freshness(), deps.clock.now());
  return {
    async resolveTeam(query) {
      const [teams, members] = await Promise.all([store.teams(), store.memberships()]);
      const named = teams.filter((t) => !t.seats);
      const team = matchTeam(named, query);
      if (team === null) return { kind: 'unknown_team', query, known: named.map((t) => t.name) };
      const matched = new Set<string>();
      const codexUserIds = new Set<string>();
      for (const member of members) {
        if (member.teamId !== team.id || member.codexUserId === null) continue;
        matched.add(member.memberKey);
        codexUserIds.add(member.codexUserId);
      }
      return {
        kind: 'team',
        team,
        scope: { teamId: team.id, codexUserIds: [...codexUserIds].sort() },
        matchedMembers: matched.size,
      };
    },

    async teamFigures(window) {
      const length = window.end - window.start;
      const previousWindow = { start: window.start - length, end: window.start };
      // One statement for both periods' figures (issue 12 §5: 500 teams of 20,000 people), not the
      // memberships and every user's activity joined here.
      const [refresh, figures, freshness] = await Promise.all([
        store.lastRefresh(),
        store.teamFiguresPair(previousWindow, window, deps.pricing),
        deps.warehouse.freshness(),
      ]);
      const historyStart = freshness.historyStart === null ? null : startOfUtcDay(freshness.historyStart);
      const previousHeld = historyStart !== null && historyStart <= previousWindow.start;
      return {
        refresh,
        window,
        current: figures.current,
        previousWindow,
        previous: previousHeld ? figures.previous : null,
        historyStart,
        stored: describeFreshness(freshness, deps.clock.now()),
      };
    },

    async inactiveMembers({ lapsedDays, team: query }) {
      const [refresh, teams, members, unmatched] = await Promise.all([
        store.lastRefresh(),
        store.teams(),
        store.memberships(),
        store.unmatchedCodexUsers(),
      ]);
      const team = query === null ? null : matchTeam(teams, query);
      if (query !== null && team === null) {
        return { kind: 'unknown_team', query, known: teams.filter((t) => !t.seats).map((t) => t.name) };
      }
      const asOf = toUnixSeconds(deps.clock.now());
      const activity = await store.userActivity({ start: asOf - lapsedDays * DAY_SECONDS, end: asOf });
      const inactive = findInactiveMembers({
        activity,
        members,
        teamIds: team === null ? null : new Set([team.id]),
        asOf,
        lapsedDays,
      });
      return {
        kind: 'people',
        refresh,
        team,
        teams: new Map(teams.map((t) => [t.id, t])),
        people: inactive.people,
        withoutEmail: inactive.withoutEmail,
        unmatchedCodexUsers: unmatched.length,
        asOf,
        lapsedDays,
        stored: await stored(),
      };
    },

    async unmatchedUsers() {
      const asOf = toUnixSeconds(deps.clock.now());
      const days = UNMATCHED_CREDIT_DAYS;
      const [refresh, unmatched, activity, age] = await Promise.all([
        store.lastRefresh(),
        store.unmatchedCodexUsers(),
        store.userActivity({ start: asOf - days * DAY_SECONDS, end: asOf }),
        stored(),
      ]);
      const byUser = new Map(activity.map((a) => [a.userId, a]));
      const people = unmatched.map((identity) => {
        const use = byUser.get(identity.codexUserId);
        return {
          codexUserId: identity.codexUserId,
          email: identity.email,
          credits: use?.credits ?? 0,
          lastActive: use?.lastActive ?? null,
        };
      });
      const name = (p: UnmatchedCodexUser) => p.email ?? p.codexUserId;
      people.sort(
        (a, b) =>
          b.credits - a.credits ||
          (b.lastActive ?? -1) - (a.lastActive ?? -1) ||
          (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0),
      );
      return { refresh, people, asOf, days, stored: age };
    },
  };
}
