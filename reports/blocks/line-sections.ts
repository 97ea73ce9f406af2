import type { SectionBlock } from '@slack/types';
import { slackLimits } from '../limits/slack-limit-values.js';
import { section } from './block-helpers.js';
import { formatInteger } from './format.js';

/** Rows that fit a character budget, and how many did not. */
export interface FittedRows {
  rows: string[];
  omitted: number;
}

/**
 * Takes rows from the top while they fit `budget` characters (and `maxRows`): a long list degrades to its
 * head instead of breaking the message. Pure arithmetic, so a caller can size a list before building it.
 */
export function fitRows(
  rows: readonly string[],
  budget: number,
  maxRows = Number.POSITIVE_INFINITY,
): FittedRows {
  const out: string[] = [];
  let used = 0;
  for (const row of rows) {
    if (out.length >= maxRows || used + row.length + 1 > budget) break;
    out.push(row);
    used += row.length + 1;
  }
  return { rows: out, omitted: rows.length - out.length };
}

/** "…and 49,990 more", or with a singular noun made plural as needed: "…and 1 more model". */
export function moreLine(omitted: number, noun = ''): string {
  const word = noun && omitted !== 1 ? `${noun}s` : noun;
  return `_…and ${formatInteger(omitted)} more${word ? ` ${word}` : ''}_`;
}

/**
 * Lines packed into as few mrkdwn sections as the 3000-character section limit allows, never splitting
 * a line; a line longer than a section is cut by `section`.
 */
export function linesToSections(
  lines: readonly string[],
  max: number = slackLimits.sectionText,
): SectionBlock[] {
  const sections: SectionBlock[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (current.length > 0 && size + line.length + 1 > max) {
      sections.push(section(current.join('\n')));
      current = [];
      size = 0;
    }
    current.push(line);
    size += line.length + 1;
  }
  if (current.length > 0) sections.push(section(current.join('\n')));
  return sections;
}
