import type { ContextBlock } from '@slack/types';
import { DAY_SECONDS, dayKey, type TimeWindow } from '../../src/domain/utc-days.js';
import type { Freshness } from '../../src/figures/figure-types.js';
import { context } from './block-helpers.js';
import { formatDay, formatDayList, formatWindow } from './format.js';

/** The block_id of every report's footer; `withChartImages` inserts charts just before it. */
export const footerBlockId = 'report-footer';

/** The name of our data source, as the footer shows it. */
export const sourceName = 'Codex Analytics API';

/**
 * The freshness sentence alone: "Data through Sun 15 Nov; numbers for Sat–Sun may still change".
 * The API lags up to 12 h and late rows can change the last 1–5 days, so readers are told which.
 */
export function freshnessNote(freshness: Freshness): string {
  const through =
    freshness.newestCompleteDay === null
      ? 'No complete day yet'
      : `Data through ${formatDay(freshness.newestCompleteDay)}`;
  if (freshness.provisionalDays.length === 0) return through;
  return `${through}; numbers for ${formatDayList(freshness.provisionalDays)} may still change`;
}

/** "Source: Codex Analytics API", with the warehouse's age when the rows come from it (issue 11). */
export function sourceNote(freshness: Freshness): string {
  return freshness.stored === undefined
    ? `Source: ${sourceName}`
    : `Source: ${sourceName}, ${freshness.stored}`;
}

/**
 * The trailing context line of every message: the window (UTC), data freshness and the source.
 * One element, so it never nears the 10-element limit.
 */
export function reportFooter(window: TimeWindow, freshness: Freshness): ContextBlock {
  return context([`${formatWindow(window)} (UTC) · ${freshnessAndSource(window, freshness)}`], footerBlockId);
}

/** The footer without its window: how fresh the window's figures are, and where they come from. */
export function freshnessAndSource(window: TimeWindow, freshness: Freshness): string {
  return [windowFreshnessNote(window, freshness), sourceNote(freshness)].filter((p) => p !== '').join(' · ');
}

/**
 * The freshness sentence beside a source note that already says how far the warehouse's data runs
 * ("synced 2 h ago · data through Sun 6 Dec"): a window complete to its last day needs no "Data through"
 * of its own — "Data through Mon 30 Nov · … · data through Sun 6 Dec" read as two answers to one question.
 * Such a window says `complete` instead (nothing in a footer), then which days may still change.
 */
export function windowFreshnessNote(window: TimeWindow, freshness: Freshness, complete = ''): string {
  const completeToItsEnd = freshness.newestCompleteDay === dayKey(window.end - DAY_SECONDS);
  if (freshness.stored === undefined || !completeToItsEnd) return freshnessNote(freshness);
  if (freshness.provisionalDays.length === 0) return complete;
  const days = formatDayList(freshness.provisionalDays);
  return complete === ''
    ? `Numbers for ${days} may still change`
    : `${complete}; numbers for ${days} may still change`;
}
