import { formatLabel } from '../../reports/blocks/escape-mrkdwn.js';
import type { CallOptions, TeamScope, WorkspaceAnalytics } from '../analytics/workspace-analytics.js';
import { cadencePeriod, type DigestCadence } from '../domain/digest-cadence.js';
import { CodexPulseError } from '../errors.js';
import type { DigestFigures } from '../figures/figure-types.js';
import { TEAM_PRIVACY_MIN_MEMBERS } from '../figures/team-figures.js';
import type { Logger } from '../logger.js';
import type { SubscriptionTeam } from '../store/store-types.js';
import type { TeamAnalytics } from '../teams/create-team-analytics.js';
import { withTeamAdoption } from '../teams/digest-team-adoption.js';
import { computePeriodDigestFigures } from './period-digest-figures.js';

/** Team figures for the digest (issue 12), where the composition wires them. */
export interface DigestTeams {
  analytics: TeamAnalytics;
  logger: Logger;
}

/**
 * The figures of the digest due at `now` for a cadence: the last closed week (the analytics' own
 * digest), or the last closed month or quarter (issue 11 §3); with adoption by team when `teams` is given.
 * With `team` (a team's own digest, issue 12 §3), usage, adoption and the ranking are its matched
 * members' (reviews stay workspace-wide) and there is no adoption by team: the channel is the team's.
 */
export async function digestFiguresFor(
  analytics: WorkspaceAnalytics,
  now: Date,
  cadence: DigestCadence,
  options: CallOptions & {
    topN: number;
    teams?: DigestTeams | undefined;
    team?: SubscriptionTeam | null | undefined;
  },
): Promise<DigestFigures> {
  const { teams, team, ...call } = options;
  const scope = team == null ? undefined : await teamScope(teams, team);
  const period = cadencePeriod(cadence);
  const figures =
    period === null
      ? await analytics.digest(now, { ...call, team: scope })
      : await computePeriodDigestFigures(analytics, now, period, { ...call, team: scope });
  return teams && scope === undefined ? withTeamAdoption(figures, teams.analytics, teams.logger) : figures;
}

/**
 * The subscribed team as it is now: subscribing checked the five-member rule, but teams change with
 * each identity refresh, and a channel must never get a small team's figures (issue 12 §4).
 */
async function teamScope(teams: DigestTeams | undefined, team: SubscriptionTeam): Promise<TeamScope> {
  const name = formatLabel(team.name);
  if (teams === undefined) {
    throw new CodexPulseError(
      'team_unavailable',
      `The digest of team ${name} needs team figures, and this process has none (no warehouse teams).`,
    );
  }
  const resolved = await teams.analytics.resolveTeam(team.id);
  if (resolved.kind === 'unknown_team') {
    throw new CodexPulseError(
      'team_unavailable',
      `Team ${name} is no longer among the teams Codex Pulse reads, so its digest was not posted.`,
    );
  }
  if (resolved.matchedMembers < TEAM_PRIVACY_MIN_MEMBERS) {
    throw new CodexPulseError(
      'team_unavailable',
      `Team ${name} has fewer than ${TEAM_PRIVACY_MIN_MEMBERS} members matched to a Codex user now, so its digest was not posted: with so few people its figures would point at individuals.`,
    );
  }
  return resolved.scope;
}
