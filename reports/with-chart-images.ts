import type { ImageBlock, KnownBlock } from '@slack/types';
import { footerBlockId } from './report-footer.js';
import type { ReportMessage } from './report-message.js';
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
 */
export function withChartImages(message: ReportMessage, images: readonly ChartImage[]): ReportMessage {
  const byKey = new Map(images.map((image) => [image.key, image.block]));
  const footerAt = message.blocks.findIndex((b) => b.block_id === footerBlockId);
  const lastIsContext = message.blocks.at(-1)?.type === 'context';
  const at = footerAt >= 0 ? footerAt : lastIsContext ? message.blocks.length - 1 : message.blocks.length;
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
