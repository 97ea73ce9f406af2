import type { CallOptions, WorkspaceAnalytics } from '../analytics/workspace-analytics.js';
import { cadencePeriod, type DigestCadence } from '../domain/digest-cadence.js';
import type { DigestFigures } from '../figures/figure-types.js';
import type { Logger } from '../logger.js';
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
 */
export async function digestFiguresFor(
  analytics: WorkspaceAnalytics,
  now: Date,
  cadence: DigestCadence,
  options: CallOptions & { topN: number; teams?: DigestTeams | undefined },
): Promise<DigestFigures> {
  const { teams, ...call } = options;
  const period = cadencePeriod(cadence);
  const figures =
    period === null
      ? await analytics.digest(now, call)
      : await computePeriodDigestFigures(analytics, now, period, call);
  return teams ? withTeamAdoption(figures, teams.analytics, teams.logger) : figures;
}
