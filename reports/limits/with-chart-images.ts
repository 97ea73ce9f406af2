import type { ImageBlock, KnownBlock } from '@slack/types';
import { footerBlockId } from '../blocks/report-footer.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { maxBlocks, measureText, slackLimits, truncate } from './slack-limit-values.js';

/** A rendered chart's image block, keyed by its `ChartSpec.key`. */
export interface ChartImage {
  key: string;
  block: ImageBlock;
}

/**
 * Inserts the rendered charts' image blocks where they belong — just before the trailing footer, in the
 * order of `message.charts` — and keeps Slack's limits: an image whose key is not one of the message's
 * charts is ignored, and one that would break the block count or text budget is left out (reports
 * reserve room for theirs, so that only happens to hand-made messages). The message's `charts` are kept.
 * For previews (src/cli/write-preview.ts); a Slack payload is composed by src/slack-posting, which fits
 * once with room for the images and so needs no check when inserting them.
 */
export function withChartImages(message: ReportMessage, images: readonly ChartImage[]): ReportMessage {
  const byKey = new Map(images.map((image) => [image.key, image.block]));
  const at = chartPosition(message.blocks);
  const inserted: KnownBlock[] = [];
  let blockCount = message.blocks.length;
  let text = measureText(message.blocks);
  for (const chart of message.charts) {
    const found = byKey.get(chart.key);
    if (!found) continue;
    const block: ImageBlock = { ...found, alt_text: truncate(found.alt_text, slackLimits.imageAltText) };
    const size = measureText([block]);
    if (blockCount + 1 > maxBlocks('message') || text + size > slackLimits.messageTextBudget) continue;
    inserted.push(block);
    blockCount += 1;
    text += size;
  }
  return { ...message, blocks: [...message.blocks.slice(0, at), ...inserted, ...message.blocks.slice(at)] };
}

/**
 * Where chart images (or their text fallbacks) go in a message: just before the report footer, else
 * before a trailing context line, else at the end.
 */
export function chartPosition(blocks: readonly KnownBlock[]): number {
  const footerAt = blocks.findIndex((b) => b.block_id === footerBlockId);
  if (footerAt >= 0) return footerAt;
  return blocks.at(-1)?.type === 'context' ? blocks.length - 1 : blocks.length;
}
