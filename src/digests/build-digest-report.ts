import { buildLeadershipDigest } from '../../reports/leadership-digest.js';
import type { ThreadedReport } from '../../reports/report-message.js';
import { buildWeeklyDigest } from '../../reports/weekly-digest.js';
import type { DigestFigures } from '../figures/figure-types.js';
import type { DigestStyle } from '../store/store-types.js';

/**
 * The thread a subscription posts: standard names the top users; leadership stays aggregate (the
 * issue: "top users (standard format only; leadership stays aggregate)"). Pure and deterministic, so a
 * resumed delivery rebuilds the very same parts and skips the ones already posted.
 */
export function buildDigestReport(style: DigestStyle, figures: DigestFigures, topN: number): ThreadedReport {
  return style === 'leadership' ? buildLeadershipDigest(figures) : buildWeeklyDigest(figures, { topN });
}
