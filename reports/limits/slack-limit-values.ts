/**
 * The primitives of our Slack limits: every Block Kit limit the bot relies on, truncation and text
 * measuring (docs/slack-platform.md). Import them through `slack-limits.ts`, the one public module that
 * also carries `checkLimits` and `fitMessage`.
 */
import type { KnownBlock } from '@slack/types';

/** Slack's documented limits, and our own text budget (Slack rejects ~13k with `msg_blocks_too_long`). */
export const slackLimits = {
  blocksPerMessage: 50,
  blocksPerHome: 100,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  blockId: 255,
  imageAltText: 2000,
  imageTitle: 2000,
  imageUrl: 3000,
  tableRows: 100,
  tableCells: 20,
  tablesPerMessage: 1,
  /** Text across all blocks of one message; ~2k below where Slack starts refusing. */
  messageTextBudget: 11_000,
  /** Top-level `text`: Slack truncates past 40k, notifications far earlier — keep it short. */
  fallbackText: 4000,
} as const;

/** Where a message is shown: chat messages allow 50 blocks, App Home 100 (and has no text budget). */
export type SlackSurface = 'message' | 'home';

/** The block limit of a surface. */
export function maxBlocks(surface: SlackSurface): number {
  return surface === 'home' ? slackLimits.blocksPerHome : slackLimits.blocksPerMessage;
}

const ellipsis = '…';

/**
 * Shortens `text` to at most `max` characters, ending in "…" when cut. Never splits a surrogate pair
 * (Slack rejects lone surrogates) or an HTML entity such as `&amp;` (it would render as garbage).
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return max === 1 ? ellipsis : '';
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > cut - 6 && !text.slice(amp, cut).includes(';')) cut = amp;
  return `${text.slice(0, cut).trimEnd()}${ellipsis}`;
}

/**
 * Characters of text in `blocks`, the way we budget them: every string under a `text` or `alt_text`
 * key, at any depth (section text and fields, headers, context, buttons, table cells, image alt text).
 * Counting alt text too keeps us conservative: Slack does not document what its ~13k counts.
 */
export function measureText(blocks: readonly KnownBlock[]): number {
  let total = 0;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner === 'string') {
        if (key === 'text' || key === 'alt_text') total += inner.length;
      } else {
        walk(inner);
      }
    }
  };
  walk(blocks);
  return total;
}
