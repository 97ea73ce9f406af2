import type { KnownBlock } from '@slack/types';
import type { ReportMessage } from '../../reports/blocks/report-message.js';
import { checkLimits, fitMessage, measureText, slackLimits } from '../../reports/limits/slack-limits.js';
import { chartPosition } from '../../reports/limits/with-chart-images.js';
import type { ChartOutcome } from './chart-images.js';

/** What goes to Slack: the notification/screen-reader `text` and the blocks. */
export interface SlackPayload {
  text: string;
  blocks: KnownBlock[];
}

export const SHARE_ACTION_ID = 'codex_pulse_share';

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
 *
 * A message is fitted once (issue 10). A report was fitted when it was built, with room kept for its
 * charts (finishReport): its payload is only checked here and sent as it is. What was never fitted as a
 * whole — a thread folded into one ephemeral message, a report with a "Shared by" line or a button that
 * no longer fits — is fitted here, with room kept for the image blocks and the button (their block count
 * and their text), so inserting them afterwards cannot break a limit and needs no check.
 */
export function composeMessage(
  message: ReportMessage,
  charts: readonly ChartOutcome[],
  options: ComposeOptions,
): SlackPayload {
  const images = options.withImages ? charts.flatMap((c) => (c.image ? [c.image] : [])) : [];
  const fallbacks = charts.flatMap((c) => (options.withImages && c.image ? [] : c.fallback));
  const button = options.share ? [shareButton(options.share)] : [];
  const blocks = [...message.blocks];
  blocks.splice(chartPosition(blocks), 0, ...fallbacks);
  if (options.footer) blocks.push(options.footer);
  const whole = { text: message.text, blocks: [...withImages(blocks, images), ...button] };
  if (checkLimits({ ...whole, charts: [] }).length === 0) return whole;
  const added = [...images, ...button];
  const fitted = fitMessage(
    { ...message, blocks },
    {
      reservedBlocks: added.length,
      textBudget: Math.max(0, slackLimits.messageTextBudget - measureText(added)),
    },
  );
  return { text: fitted.text, blocks: [...withImages(fitted.blocks, images), ...button] };
}

function withImages(blocks: readonly KnownBlock[], images: readonly KnownBlock[]): KnownBlock[] {
  const out = [...blocks];
  out.splice(chartPosition(out), 0, ...images);
  return out;
}

/** True when any chart became an image (so a rejected post is worth retrying without images). */
export function hasImages(charts: readonly ChartOutcome[]): boolean {
  return charts.some((c) => c.image !== undefined);
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
