import type { DigestFigures, DigestTeamAdoption } from '../figures/figure-types.js';
import { NO_GROUP_FIGURES as none, type TeamFiguresResult } from '../figures/team-figures.js';
import type { Logger } from '../logger.js';
import type { TeamAnalytics } from './create-team-analytics.js';

const empty: TeamFiguresResult = {
  teams: [],
  workspace: none,
  seats: null,
  largeTeams: none,
  otherTeams: { ...none, teams: 0 },
};

/**
 * The digest's figures with adoption by team over the digest's period (issue 12: the leadership digest
 * gains "adoption by team"). Team figures never stop a digest: when they fail, the reply says they are
 * unavailable this time, and the rest of the digest goes out.
 */
export async function withTeamAdoption(
  figures: DigestFigures,
  teams: TeamAnalytics,
  logger: Logger,
): Promise<DigestFigures> {
  const window = figures.week;
  const unavailable = (status: DigestTeamAdoption['status']): DigestTeamAdoption => ({
    status,
    window,
    current: empty,
    previousWindow: figures.previousWeek,
    previous: empty,
  });
  try {
    const answer = await teams.teamFigures(window);
    const status =
      answer.refresh === null
        ? 'not_loaded'
        : answer.refresh.status === 'emails_hidden'
          ? 'emails_hidden'
          : 'ok';
    return {
      ...figures,
      teams:
        status === 'ok'
          ? {
              status,
              window,
              current: answer.current,
              previousWindow: answer.previousWindow,
              previous: answer.previous,
            }
          : unavailable(status),
    };
  } catch (error) {
    logger.warn('digest: team figures unavailable', error instanceof Error ? error : {});
    return { ...figures, teams: unavailable('unavailable') };
  }
}
