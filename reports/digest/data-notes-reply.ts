import type { DigestFigures } from '../../src/figures/figure-types.js';
import { formatDay, formatTimestamp, formatWindow, unknownValue } from '../blocks/format.js';
import { linesToSections } from '../blocks/line-sections.js';
import { sourceName, windowFreshnessNote } from '../blocks/report-footer.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { finishReport } from '../limits/finish-report.js';
import { periodName, periodWords } from './digest-period-words.js';

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * How complete the digest's own days are. From the warehouse, the source note after it names how far
 * the stored data runs ("data through Sun 6 Dec"), so a period complete to its end says it covers whole
 * days instead of a second "Data through Mon 30 Nov" in the same sentence.
 */
function coverageNote(digest: DigestFigures): string {
  const covers = `The figures cover ${formatWindow(digest.week)}, complete days only`;
  return windowFreshnessNote(digest.week, digest.freshness, covers);
}

/**
 * The last reply of a digest: how to read the numbers. Definitions follow docs/codex-analytics-api.md;
 * `leadership` swaps the line on names for the aggregate-only promise.
 */
export function dataNotesReply(digest: DigestFigures, leadership: boolean): ReportMessage {
  const lines = [
    '*Data notes*',
    digest.period === undefined
      ? `• Weeks run Monday–Sunday, UTC. Week over week compares ${formatWindow(digest.week)} with ${formatWindow(digest.previousWeek)}; a running week is never compared.`
      : `• ${digest.period.period === 'month' ? 'Months are calendar months' : 'Quarters are calendar quarters'}, UTC. ${capitalised(periodWords(digest).over)} compares ${periodWords(digest).name} with ${periodName(digest.previousWeek.start, digest.period.period)}, and with ${periodName(digest.period.yearEarlier.window.start, digest.period.period)} when that is held; a running ${digest.period.period} is never compared.`,
    '• Active users are distinct people with any thread, turn or credit in the window, never summed across days or surfaces: per-surface counts add up to more than the total.',
    '• Surfaces group Codex clients (CLI, IDE extension, Cloud, Desktop, Code Review); clients we do not know yet count as Other.',
    `• ${unknownValue} means the API did not report a value (tokens, for example): unknown, not zero.`,
    '• Code Review figures are workspace-wide; the API has no per-person or per-repository review data.',
    leadership
      ? '• This digest shows aggregates only: no individual is named.'
      : '• People appear by email name, or by a pseudonym when the workspace does not share emails.',
    // Top-user rows show a streak only for people active on its last day: say which day that is.
    ...(leadership || digest.freshness.newestCompleteDay === null
      ? []
      : [
          `• Streaks count consecutive active days up to ${formatDay(digest.freshness.newestCompleteDay)}, the newest complete day; people not active that day show none.`,
        ]),
    `• ${coverageNote(digest)}. Figures as of ${formatTimestamp(digest.freshness.asOf)}, from the ${sourceName}${digest.freshness.stored === undefined ? '' : ` (${digest.freshness.stored})`}.`,
  ];
  return finishReport({
    text: `Data notes for the Codex digest, ${formatWindow(digest.week)}.`,
    blocks: linesToSections(lines),
    charts: [],
    window: digest.week,
    freshness: digest.freshness,
  });
}
