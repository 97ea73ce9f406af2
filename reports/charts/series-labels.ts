import type { TimeWindow } from '../../src/domain/utc-days.js';
import type { Bucket } from '../../src/figures/figure-types.js';
import { formatDate } from '../blocks/format.js';
import { slackLimits, truncate } from '../limits/slack-limit-values.js';

/** An x-axis label for a bucket: its first day ("Mon 9 Nov"), starred when its numbers may still change. */
export function pointLabel(point: TimeWindow & { provisional: boolean }): string {
  return `${formatDate(point.start)}${point.provisional ? '*' : ''}`;
}

/** "daily" or "weekly", for titles and alt text. */
export function bucketWord(bucket: Bucket): string {
  return bucket === 'week' ? 'weekly' : 'daily';
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
