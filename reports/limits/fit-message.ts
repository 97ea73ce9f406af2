import type { KnownBlock } from '@slack/types';
import type { ReportMessage } from '../blocks/report-message.js';
import { maxBlocks, measureText, type SlackSurface, slackLimits, truncate } from './slack-limit-values.js';

/** Options of {@link fitMessage}. */
export interface FitOptions {
  /** 'message' (default) or 'home'; decides the block limit and whether the text budget applies. */
  surface?: SlackSurface;
  /** Text budget override (tests, or a caller reserving room for images); default 11k. */
  textBudget?: number;
  /** Blocks to leave free, e.g. for the chart images `withChartImages` inserts later; default 0. */
  reservedBlocks?: number;
}

/**
 * Makes any message acceptable to Slack by degrading it, never by failing: texts are cut to their
 * limits, surplus blocks are replaced by an "omitted" note, and when the text budget is exceeded the
 * biggest sections lose rows from the end ("…and N more lines") until it fits. The trailing context
 * footer (window, freshness, source) is kept to the last.
 */
export function fitMessage(message: ReportMessage, options: FitOptions = {}): ReportMessage {
  const surface = options.surface ?? 'message';
  let blocks = capBlockCount(
    message.blocks.map(clampBlock),
    maxBlocks(surface) - (options.reservedBlocks ?? 0),
  );
  if (surface === 'message') blocks = fitBudget(blocks, options.textBudget ?? slackLimits.messageTextBudget);
  const text = message.text.trim().length > 0 ? message.text : 'Codex Pulse report';
  return {
    text: truncate(text, slackLimits.fallbackText),
    blocks,
    charts: message.charts.map((c) => ({ ...c, altText: truncate(c.altText, slackLimits.imageAltText) })),
  };
}

/** Cuts every text of one block to its own limit (a copy; the input is never mutated). */
function clampBlock(block: KnownBlock): KnownBlock {
  const id = block.block_id === undefined ? {} : { block_id: block.block_id.slice(0, slackLimits.blockId) };
  switch (block.type) {
    case 'header':
      return {
        ...block,
        ...id,
        text: { ...block.text, text: truncate(block.text.text, slackLimits.headerText) },
      };
    case 'section': {
      const out = { ...block, ...id };
      if (block.text) out.text = { ...block.text, text: truncate(block.text.text, slackLimits.sectionText) };
      if (block.fields)
        out.fields = block.fields
          .slice(0, slackLimits.fieldsPerSection)
          .map((f) => ({ ...f, text: truncate(f.text, slackLimits.fieldText) }));
      return out;
    }
    case 'context':
      return {
        ...block,
        ...id,
        elements: block.elements
          .slice(0, slackLimits.contextElements)
          .map((e) =>
            e.type === 'image'
              ? { ...e, alt_text: truncate(e.alt_text, slackLimits.contextText) }
              : { ...e, text: truncate(e.text, slackLimits.contextText) },
          ),
      };
    case 'actions':
      return {
        ...block,
        ...id,
        elements: block.elements
          .slice(0, slackLimits.actionsElements)
          .map((e) =>
            e.type === 'button'
              ? { ...e, text: { ...e.text, text: truncate(e.text.text, slackLimits.buttonText) } }
              : e,
          ),
      };
    case 'image':
      return { ...block, ...id, alt_text: truncate(block.alt_text, slackLimits.imageAltText) };
    case 'table':
      return {
        ...block,
        ...id,
        rows: block.rows.slice(0, slackLimits.tableRows).map((r) => r.slice(0, slackLimits.tableCells)),
      };
    default:
      return { ...block, ...id };
  }
}

function isFooter(blocks: readonly KnownBlock[], index: number): boolean {
  return index === blocks.length - 1 && blocks[index]?.type === 'context';
}

function note(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

/** Keeps the first blocks and the footer; what is left out is named in a note so nothing vanishes silently. */
function capBlockCount(blocks: KnownBlock[], max: number): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const footer = isFooter(blocks, blocks.length - 1) ? blocks.slice(-1) : [];
  const keep = max - 1 - footer.length;
  const omitted = blocks.length - footer.length - keep;
  return [
    ...blocks.slice(0, keep),
    note(`_…${omitted} more blocks omitted to fit Slack's limits_`),
    ...footer,
  ];
}

const moreLines = /^_…and (\d+) more lines?_$/;

/** Shrinks the biggest block, repeatedly, until the text budget holds; each step strictly shrinks. */
function fitBudget(input: KnownBlock[], budget: number): KnownBlock[] {
  let blocks = input;
  for (let total = measureText(blocks); total > budget; total = measureText(blocks)) {
    const index = biggestBlock(blocks);
    if (index < 0) return squeeze(blocks, budget, total);
    const block = blocks[index] as KnownBlock;
    const shrunk = shrinkBlock(block, total - budget);
    blocks = shrunk ? blocks.with(index, shrunk) : blocks.filter((_, i) => i !== index);
  }
  return blocks;
}

function biggestBlock(blocks: readonly KnownBlock[]): number {
  let best = -1;
  let size = 0;
  blocks.forEach((block, i) => {
    const n = measureText([block]);
    if (!isFooter(blocks, i) && block.type !== 'header' && n > size) [best, size] = [i, n];
  });
  return best;
}

/** A smaller copy of a section (fewer lines or fields), or null when the block should go. */
function shrinkBlock(block: KnownBlock, excess: number): KnownBlock | null {
  if (block.type !== 'section') return null;
  if (block.fields && block.fields.length > 1 && !block.text) {
    const fields = [...block.fields];
    let removed = 0;
    while (fields.length > 1 && removed < excess) removed += fields.pop()?.text.length ?? 0;
    return { ...block, fields };
  }
  if (!block.text) return null;
  const lines = block.text.text.split('\n');
  const last = lines.at(-1) ?? '';
  let omitted = Number(moreLines.exec(last)?.[1] ?? 0);
  if (omitted > 0) lines.pop();
  if (lines.length < 2) return null;
  let removed = 0;
  while (lines.length > 1 && removed < excess + 30) {
    removed += (lines.pop()?.length ?? 0) + 1;
    omitted += 1;
  }
  const text = `${lines.join('\n')}\n_…and ${omitted} more line${omitted === 1 ? '' : 's'}_`;
  return text.length < block.text.text.length ? { ...block, text: { ...block.text, text } } : null;
}

/** Last resort when only the header and footer are left yet too long: cut every text proportionally. */
function squeeze(blocks: KnownBlock[], budget: number, total: number): KnownBlock[] {
  // The margin pays for the one character each string keeps even when its share rounds to zero.
  const ratio = Math.max(0, budget - 200) / total;
  const cut = (value: unknown, key = ''): unknown => {
    if (typeof value === 'string')
      return key === 'text' || key === 'alt_text'
        ? truncate(value, Math.max(1, Math.floor(value.length * ratio)))
        : value;
    if (Array.isArray(value)) return value.map((v) => cut(v));
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cut(v, k)]));
  };
  return cut(blocks) as KnownBlock[];
}
