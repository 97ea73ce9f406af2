import { expect } from 'vitest';
import type { ReportMessage, ThreadedReport } from '../../reports/blocks/report-message.js';
import { checkLimits } from '../../reports/limits/slack-limits.js';

/** Every Slack limit, with the violations printed when one breaks. */
export function expectWithinLimits(message: ReportMessage): void {
  expect(checkLimits(message, { surface: 'message' })).toEqual([]);
}

export function expectThreadWithinLimits(report: ThreadedReport): void {
  for (const message of [report.parent, ...report.replies]) expectWithinLimits(message);
}

/** All text a reader (or screen reader) can get at: fallback, blocks and chart specs, serialised. */
export function everything(message: ReportMessage | ThreadedReport): string {
  return JSON.stringify(message);
}

/** The visible mrkdwn/plain text of the blocks, joined by newlines, plus the fallback text. */
export function visibleText(message: ReportMessage): string {
  const out: string[] = [message.text];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) {
        if (k === 'text' && typeof v === 'string') out.push(v);
        else walk(v);
      }
  };
  walk(message.blocks);
  return out.join('\n');
}

/** The i-th item, or a failed test (instead of a non-null assertion). */
export function nth<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`expected an item at ${index} of ${items.length}`);
  return item;
}
