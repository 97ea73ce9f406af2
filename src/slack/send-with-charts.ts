import type { KnownBlock } from '@slack/types';
import type { ReportMessage } from '../../reports/report-message.js';
import { type ChartTarget, prepareCharts } from './chart-images.js';
import { composeMessage, hasImages, type ShareButton, type SlackPayload } from './compose-message.js';
import type { EdgeDeps } from './edge-deps.js';
import type { SlackClient } from './slack-client.js';
import { isSlackError, slackErrorCode } from './slack-error-code.js';

export interface SendWithChartsArgs {
  message: ReportMessage;
  /** Where PNG charts are uploaded; asked only when a chart is a PNG. */
  target: () => Promise<ChartTarget | null>;
  /** Delivers one payload (respond(), chat.postEphemeral, …); throws when Slack refuses it. */
  send: (payload: SlackPayload) => Promise<void>;
  share?: ShareButton;
  footer?: KnownBlock;
}

/**
 * Renders the charts, sends the message with its images, and when Slack rejects that (`invalid_blocks`,
 * or a response_url that answers non-2xx) sends it again with the charts as text — the report text is
 * never lost to a chart.
 */
export async function sendWithCharts(
  client: SlackClient,
  deps: EdgeDeps,
  args: SendWithChartsArgs,
): Promise<void> {
  const charts = await prepareCharts(client, args.message.charts, args.target, deps);
  const options = {
    ...(args.share ? { share: args.share } : {}),
    ...(args.footer ? { footer: args.footer } : {}),
  };
  try {
    await args.send(composeMessage(args.message, charts, { withImages: true, ...options }));
  } catch (error) {
    const code = slackErrorCode(error);
    if (!hasImages(charts) || (code !== undefined && !isSlackError(error, 'invalid_blocks'))) throw error;
    deps.logger.warn('message with chart images rejected; sending it without images', {
      code: code ?? 'respond_failed',
    });
    await args.send(composeMessage(args.message, charts, { withImages: false, ...options }));
  }
}

/** Charts for a reply only the asker sees go to their DM with the bot, never to the shared channel. */
export function dmTarget(
  client: SlackClient,
  deps: EdgeDeps,
  userId: string,
): () => Promise<ChartTarget | null> {
  return async () => {
    try {
      const opened = await client.conversations.open({ users: userId });
      const channelId = opened.channel?.id;
      return channelId ? { channelId, where: 'in your DM with Codex Pulse' } : null;
    } catch (error) {
      deps.logger.warn('could not open a DM for chart images', { user: userId, code: slackErrorCode(error) });
      return null;
    }
  };
}
