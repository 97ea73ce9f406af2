/**
 * "History starts Mon 3 Aug 2026" (issue 11 §3): when a range reaches before the oldest day the
 * analytics holds, the answer says so instead of showing zeros for days nobody recorded. Pure text and
 * blocks; the command decides when (commands/history-window.ts).
 */
import type { TimeWindow } from '../../src/domain/utc-days.js';
import { context, header, section } from '../blocks/block-helpers.js';
import { formatDate, formatWindow } from '../blocks/format.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { fitMessage } from '../limits/fit-message.js';
import { slackLimits } from '../limits/slack-limit-values.js';

/** "Mon 3 Aug 2026": the first day held, with its year (it is often last year's). */
export function formatHistoryStart(historyStart: number): string {
  return formatDate(historyStart, true);
}

/** The sentence under the header of an answer whose window was cut to the history held. */
export function historyClippedNote(historyStart: number, asked: TimeWindow): string {
  return `History starts ${formatHistoryStart(historyStart)}: ${formatWindow(asked)} reaches before it, so the figures cover ${formatWindow({ start: historyStart, end: asked.end })} only.`;
}

/**
 * Adds the history note under a report's header (and to its fallback text), then fits the message
 * again so the extra block cannot push it over Slack's limits.
 */
export function withHistoryNote(message: ReportMessage, note: string): ReportMessage {
  const [first, ...rest] = message.blocks;
  const blocks =
    first?.type === 'header' ? [first, context([note]), ...rest] : [context([note]), ...message.blocks];
  const imageText = message.charts.reduce(
    (sum, c) => sum + Math.min(c.altText.length, slackLimits.imageAltText) + c.title.length,
    0,
  );
  return fitMessage(
    { text: `${note} ${message.text}`, blocks, charts: message.charts },
    { textBudget: slackLimits.messageTextBudget - imageText, reservedBlocks: message.charts.length },
  );
}

/**
 * The whole answer when a window lies entirely before the history held (or nothing is held yet): no
 * figures at all, because every one of them would be a zero nobody measured.
 */
export function historyMissingReport(
  title: string,
  asked: TimeWindow,
  historyStart: number | null,
): ReportMessage {
  const sentence =
    historyStart === null
      ? `No history is held yet, so there is nothing to show for ${formatWindow(asked)}. The first sync is still under way or has not run.`
      : `History starts ${formatHistoryStart(historyStart)}, after ${formatWindow(asked)} ends: there is nothing to show for that range. Try a range from ${formatDate(historyStart, true)} on.`;
  return { text: sentence, blocks: [header(title), section(sentence)], charts: [] };
}
