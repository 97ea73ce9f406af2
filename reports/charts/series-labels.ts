import { DAY_SECONDS, type TimeWindow } from '../../src/domain/utc-days.js';
import type { Bucket } from '../../src/figures/figure-types.js';
import { formatDate, formatPeriodSpan } from '../blocks/format.js';
import { slackLimits, truncate } from '../limits/slack-limit-values.js';

/**
 * An x-axis label for a bucket, starred when its numbers may still change: its first day for days and
 * weeks ("Mon 9 Nov"; a clipped week with its length), the month ("Nov 2026") or quarter ("Q4 2026") for calendar buckets, or the days
 * the window leaves of one it clips ("1 Oct–30 Nov 2026").
 */
export function pointLabel(point: TimeWindow & { provisional: boolean }, bucket: Bucket): string {
  const name =
    bucket === 'month' || bucket === 'quarter'
      ? formatPeriodSpan(point, bucket)
      : dayBucketName(point, bucket);
  return `${name}${point.provisional ? '*' : ''}`;
}

/**
 * A day or a week by its first day; a week the window clips also by its length ("Mon 30 Nov (1 day)"),
 * since a month charted by week ends with a stub that would otherwise read as a whole week's users.
 */
function dayBucketName(point: TimeWindow, bucket: 'day' | 'week'): string {
  const days = Math.round((point.end - point.start) / DAY_SECONDS);
  if (bucket === 'day' || days >= 7) return formatDate(point.start);
  return `${formatDate(point.start)} (${days} ${days === 1 ? 'day' : 'days'})`;
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
