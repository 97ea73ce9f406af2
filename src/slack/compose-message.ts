import type { KnownBlock } from '@slack/types';
import type { CommandReply } from '../../commands/command-types.js';
import { footerBlockId } from '../../reports/report-footer.js';
import type { ReportMessage, ThreadedReport } from '../../reports/report-message.js';
import { fitMessage } from '../../reports/slack-limits.js';
import { withChartImages } from '../../reports/with-chart-images.js';
import type { Clock } from '../clock.js';
import type { ShareStore } from '../store/store-types.js';
import type { ChartOutcome } from './chart-images.js';

/** What goes to Slack: the notification/screen-reader `text` and the blocks. */
export interface SlackPayload {
  text: string;
  blocks: KnownBlock[];
}

export const SHARE_ACTION_ID = 'codex_pulse_share';

/** How long a shareable answer can be shared: as long as its response_url lives (30 min). */
export const SHARE_TTL_MS = 30 * 60_000;

/** The "Share to channel" button of one answer: its stored share, and how many people it names. */
export interface ShareButton {
  id: string;
  namedPeople: number;
}

export interface ComposeOptions {
  withImages: boolean;
  /** Adds the "Share to channel" button for this share. */
  share?: ShareButton;
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
    { reservedBlocks: images.length + (options.share ? 1 : 0) },
  );
  const withImages = withChartImages(fitted, images);
  const out = options.share ? [...withImages.blocks, shareButton(options.share)] : withImages.blocks;
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

/**
 * The button, with Slack's own confirm dialog when the answer names people (issue #9): one click must
 * not put a ranking with names in front of a whole channel by accident.
 */
function shareButton(share: ShareButton): KnownBlock {
  const people = share.namedPeople === 1 ? '1 person' : `${share.namedPeople} people`;
  return {
    type: 'actions',
    block_id: 'codex_pulse_share',
    elements: [
      {
        type: 'button',
        action_id: SHARE_ACTION_ID,
        text: { type: 'plain_text', text: 'Share to channel', emoji: true },
        value: share.id,
        ...(share.namedPeople > 0
          ? {
              confirm: {
                title: { type: 'plain_text', text: 'Share names with the channel?' },
                text: {
                  type: 'mrkdwn',
                  text: `This answer names ${people}. Everyone in this channel will see their names and usage.`,
                },
                confirm: { type: 'plain_text', text: 'Share' },
                deny: { type: 'plain_text', text: 'Cancel' },
              },
            }
          : {}),
      },
    ],
  };
}

/** Who an answer was built for: the only person who may share it. */
export interface AnswerOwner {
  userId: string;
  teamId: string;
}

/**
 * An answer only the asker sees: one message (a thread folds into one, since ephemeral messages have no
 * threads), plus a stored share — bound to the asker, marked per-user when it names people — when the
 * reply may be shared to the channel.
 */
export async function privateAnswer(
  reply: Extract<CommandReply, { kind: 'message' | 'thread' }>,
  deps: { shares: ShareStore; clock: Clock },
  owner: AnswerOwner,
): Promise<{ message: ReportMessage; share?: ShareButton }> {
  const message = reply.kind === 'message' ? reply.message : combineThread(reply.report);
  if (!reply.shareable) return { message };
  const namedPeople = reply.namedPeople ?? 0;
  const saved = await deps.shares.save(
    {
      teamId: owner.teamId,
      userId: owner.userId,
      perUser: reply.namedPeople !== undefined,
      namedPeople,
      payload:
        reply.kind === 'message'
          ? { kind: 'message', message: reply.message }
          : { kind: 'thread', report: reply.report },
    },
    deps.clock.now(),
    SHARE_TTL_MS,
  );
  return { message, share: { id: saved.id, namedPeople } };
}
