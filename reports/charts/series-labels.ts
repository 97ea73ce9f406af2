import type { TimeWindow } from '../../src/domain/utc-days.js';
import type { Bucket } from '../../src/figures/figure-types.js';
import { formatDate, formatPeriodSpan } from '../blocks/format.js';
import { slackLimits, truncate } from '../limits/slack-limit-values.js';

/**
 * An x-axis label for a bucket, starred when its numbers may still change: its first day for days and
 * weeks ("Mon 9 Nov"), the month ("Nov 2026") or quarter ("Q4 2026") for calendar buckets, or the days
 * the window leaves of one it clips ("1 Oct–30 Nov 2026").
 */
export function pointLabel(point: TimeWindow & { provisional: boolean }, bucket: Bucket): string {
  const name =
    bucket === 'month' || bucket === 'quarter' ? formatPeriodSpan(point, bucket) : formatDate(point.start);
  return `${name}${point.provisional ? '*' : ''}`;
}

const bucketWords: Record<Bucket, string> = {
  day: 'daily',
  week: 'weekly',
  month: 'monthly',
  quarter: 'quarterly',
};

/** "daily", "weekly", "monthly" or "quarterly", for titles and alt text. */
export function bucketWord(bucket: Bucket): string {
  return bucketWords[bucket];
}

/** The subtitle that explains the star, or null when no bucket is provisional. */
export function provisionalSubtitle(points: ReadonlyArray<{ provisional: boolean }>): string | null {
  return points.some((p) => p.provisional) ? '* may still change (late data)' : null;
}

/** Alt text from sentences, cut to Slack's 2000 characters (the first sentences carry the key numbers). */
export function altText(sentences: readonly string[]): string {
  return truncate(sentences.filter((s) => s.length > 0).join(' '), slackLimits.imageAltText);
}

/**
 * The alt-text sentence that explains the star (screen readers get no subtitle), or '' when none. It
 * goes second, before any starred label: alt text is cut at 2000 characters from the end.
 */
export function provisionalAltNote(points: ReadonlyArray<{ provisional: boolean }>): string {
  return points.some((p) => p.provisional) ? 'Periods marked * may still change (late data).' : '';
}
