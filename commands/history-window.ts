/**
 * Windows that reach before the history the analytics holds (issue 11 §3). The parser accepts any
 * range up to two years; what can be answered is the analytics' call (`historyStart()`): the API keeps
 * 90 days, the warehouse what it has synced. A window partly before it is answered from the history
 * start with a "History starts Mon 3 Aug 2026" note; a window wholly before it (or no history at all)
 * gets that sentence instead of a report of zeros nobody measured.
 */
import {
  historyClippedNote,
  historyMissingReport,
  withHistoryNote,
} from '../reports/history/history-note.js';
import type { CallOptions, WorkspaceAnalytics } from '../src/analytics/workspace-analytics.js';
import { startOfUtcDay, toUnixSeconds } from '../src/domain/utc-days.js';
import { formatDay } from './args/format-day-span.js';
import type { ParsedWindow } from './args/parsed-command.js';
import type { CommandReply } from './command-types.js';

/**
 * Answers `window` as far as history allows: `answer` runs on the window cut to the history start (the
 * whole window when nothing is cut), and its reply gets the note. `title` heads the reply when there
 * is nothing to answer ("Codex usage").
 */
export async function answerWithinHistory(
  window: ParsedWindow,
  analytics: WorkspaceAnalytics,
  options: CallOptions & { title: string },
  answer: (window: ParsedWindow) => Promise<CommandReply>,
): Promise<CommandReply> {
  const held = await analytics.historyStart(options.signal === undefined ? {} : { signal: options.signal });
  const start = held === null ? null : startOfUtcDay(toUnixSeconds(held));
  if (start === null || window.end <= start) {
    return {
      kind: 'message',
      message: historyMissingReport(options.title, window, start),
      visibility: 'ephemeral',
      audience: 'requester',
      shareable: false,
    };
  }
  if (window.start >= start) return answer(window);
  const clipped: ParsedWindow = {
    ...window,
    start,
    label: `${window.label}, from ${formatDay(start, Number.NaN)}`,
  };
  // `all` asked for everything held: starting at the history start is the answer, not a shortfall.
  if (window.wholeHistory === true) return answer(clipped);
  return addNote(await answer(clipped), historyClippedNote(start, window));
}

function addNote(reply: CommandReply, note: string): CommandReply {
  switch (reply.kind) {
    case 'message':
      return { ...reply, message: withHistoryNote(reply.message, note) };
    case 'thread':
      return { ...reply, report: { ...reply.report, parent: withHistoryNote(reply.report.parent, note) } };
    case 'file':
      return { ...reply, comment: withHistoryNote(reply.comment, note) };
  }
}
