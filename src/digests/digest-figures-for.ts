import type { CallOptions, WorkspaceAnalytics } from '../analytics/workspace-analytics.js';
import { cadencePeriod, type DigestCadence } from '../domain/digest-cadence.js';
import type { DigestFigures } from '../figures/figure-types.js';
import { computePeriodDigestFigures } from './period-digest-figures.js';

/**
 * The figures of the digest due at `now` for a cadence: the last closed week (the analytics' own
 * digest), or the last closed month or quarter (issue 11 §3).
 */
export function digestFiguresFor(
  analytics: WorkspaceAnalytics,
  now: Date,
  cadence: DigestCadence,
  options: CallOptions & { topN: number },
): Promise<DigestFigures> {
  const period = cadencePeriod(cadence);
  return period === null
    ? analytics.digest(now, options)
    : computePeriodDigestFigures(analytics, now, period, options);
}
