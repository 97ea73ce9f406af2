import type { ThreadedReport } from '../../reports/blocks/report-message.js';
import { buildLeadershipDigest } from '../../reports/digest/leadership-digest.js';
import { buildWeeklyDigest } from '../../reports/digest/weekly-digest.js';
import { namedInRanking } from '../../reports/top/top-users-report.js';
import type { DigestStyle } from '../domain/digest-styles.js';
import type { DigestFigures } from '../figures/figure-types.js';

/**
 * The thread a subscription posts: standard names the top users; leadership stays aggregate (the
 * issue: "top users (standard format only; leadership stays aggregate)"). Pure and deterministic, so a
 * resumed delivery rebuilds the very same parts and skips the ones already posted.
 */
export function buildDigestReport(
  style: DigestStyle,
  figures: DigestFigures,
  topN: number,
  /** A team's own digest (issue 12 §3): its header names the team. Null: the workspace digest. */
  team: string | null = null,
): ThreadedReport {
  const named = team === null ? {} : { team };
  return style === 'leadership'
    ? buildLeadershipDigest(figures, named)
    : buildWeeklyDigest(figures, { topN, ...named });
}

/** How many people that thread names: the standard digest's top users; none in the leadership one. */
export function namedInDigest(style: DigestStyle, figures: DigestFigures, topN: number): number {
  return style === 'leadership' ? 0 : namedInRanking(figures.ranking, topN);
}
