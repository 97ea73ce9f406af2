import type { KnownBlock } from '@slack/types';
import type { CommandReply } from '../../commands/command-types.js';
import { footerBlockId } from '../../reports/report-footer.js';
import type { ReportMessage, ThreadedReport } from '../../reports/report-message.js';
import { fitMessage } from '../../reports/slack-limits.js';
import { withChartImages } from '../../reports/with-chart-images.js';
import type { ChartOutcome } from './chart-images.js';
import type { ShareStore } from './share-store.js';

/** What goes to Slack: the notification/screen-reader `text` and the blocks. */
export interface SlackPayload {
  text: string;
  blocks: KnownBlock[];
}

export const SHARE_ACTION_ID = 'codex_pulse_share';

export interface ComposeOptions {
  withImages: boolean;
  /** Adds the "Share to channel" button carrying this id. */
  shareId?: string;
  /** Appended after the report (e.g. "Shared by @ana"). */
  footer?: KnownBlock;
}

/**
 * Puts a report and its prepared charts into one Slack payload within the limits (reports/slack-limits).
 * Charts without an image contribute their text fallback where the image would go; `withImages: false`
 * swaps every image for its fallback, which is how we retry after Slack rejects one (`invalid_blocks`).
 */
export function composeMessage(
  message: ReportMessage,
  charts: readonly ChartOutcome[],
  options: ComposeOptions,
): SlackPayload {
  const images = options.withImages
    ? charts.flatMap((c) => (c.image ? [{ key: c.key, block: c.image }] : []))
    : [];
  const fallbacks = charts.flatMap((c) => (options.withImages && c.image ? [] : c.fallback));
  const blocks = [...message.blocks];
  blocks.splice(chartPosition(blocks), 0, ...fallbacks);
  if (options.footer) blocks.push(options.footer);
  const fitted = fitMessage(
    { ...message, blocks },
    { reservedBlocks: images.length + (options.shareId ? 1 : 0) },
  );
  const withImages = withChartImages(fitted, images);
  const out = options.shareId ? [...withImages.blocks, shareButton(options.shareId)] : withImages.blocks;
  return { text: fitted.text, blocks: out };
}

/** True when any chart became an image (so a rejected post is worth retrying without images). */
export function hasImages(charts: readonly ChartOutcome[]): boolean {
  return charts.some((c) => c.image !== undefined);
}

/** An ephemeral reply cannot have a thread: the parent and its replies become one message. */
export function combineThread(report: ThreadedReport): ReportMessage {
  const all = [
    ...report.parent.blocks,
    ...report.replies.flatMap((r): KnownBlock[] => [{ type: 'divider' }, ...r.blocks]),
  ];
  // Each reply has its own footer (same block_id): Slack rejects duplicate block_ids in one message.
  const seen = new Set<string>();
  const blocks = all.map((block) => {
    if (block.block_id === undefined) return block;
    if (!seen.has(block.block_id)) {
      seen.add(block.block_id);
      return block;
    }
    const { block_id: _dropped, ...rest } = block;
    return rest as KnownBlock;
  });
  return {
    text: report.parent.text,
    blocks,
    charts: [...report.parent.charts, ...report.replies.flatMap((r) => r.charts)],
  };
}

/** Same place withChartImages puts images: before the report footer, else before a trailing context. */
function chartPosition(blocks: readonly KnownBlock[]): number {
  const footerAt = blocks.findIndex((b) => b.block_id === footerBlockId);
  if (footerAt >= 0) return footerAt;
  return blocks.at(-1)?.type === 'context' ? blocks.length - 1 : blocks.length;
}

function shareButton(shareId: string): KnownBlock {
  return {
    type: 'actions',
    block_id: 'codex_pulse_share',
    elements: [
      {
        type: 'button',
        action_id: SHARE_ACTION_ID,
        text: { type: 'plain_text', text: 'Share to channel', emoji: true },
        value: shareId,
      },
    ],
  };
}

/**
 * An answer only the asker sees: one message (a thread folds into one, since ephemeral messages have no
 * threads), plus a share id when the reply may be shared to the channel.
 */
export function privateAnswer(
  reply: Extract<CommandReply, { kind: 'message' | 'thread' }>,
  shares: ShareStore,
): { message: ReportMessage; shareId?: string } {
  const message = reply.kind === 'message' ? reply.message : combineThread(reply.report);
  if (!reply.shareable) return { message };
  return {
    message,
    shareId: shares.put(reply.kind === 'message' ? reply : { kind: 'thread', report: reply.report }),
  };
}
