import type { KnownBlock } from '@slack/types';
import type { ReportMessage } from '../../reports/blocks/report-message.js';
import type { Logger } from '../logger.js';
import { type ChartDeps, type ChartOutcome, type ChartTarget, prepareCharts } from './chart-images.js';
import { composeMessage, hasImages, type ShareButton, type SlackPayload } from './compose-message.js';
import type { SlackClient } from './slack-client.js';
import { isSlackError, slackErrorCode } from './slack-error-code.js';

/**
 * How a destination says it refused a payload, which decides when sending again without images is
 * worth it. 'web-api': chat.postMessage answers `invalid_blocks`; any other failure (a lost answer, a
 * 5xx, a rate limit) is not about the images, and sending again could post the message twice.
 * 'reply': respond() and chat.postEphemeral — a response_url answers a refusal with a bare HTTP status,
 * so a failure without a Slack error code counts as refused too (a reply only its asker sees).
 */
export type RefusalSignal = 'web-api' | 'reply';

export interface SendWithChartsArgs<T> {
  message: ReportMessage;
  /** Where PNG charts are uploaded; asked only when a chart is a PNG. */
  target: () => Promise<ChartTarget | null>;
  /** Delivers one payload (respond(), chat.postEphemeral, a paced chat.postMessage, …); throws when refused. */
  send: (payload: SlackPayload) => Promise<T>;
  refusal: RefusalSignal;
  share?: ShareButton;
  footer?: KnownBlock;
}

/**
 * Renders the charts, sends the message with its images, and when Slack refuses that sends it again
 * with the charts as text — the report text is never lost to a chart. Every message with charts that
 * the edge or the digests send goes through here: the one "retry without images" rule.
 */
export async function sendWithCharts<T>(
  client: SlackClient,
  deps: ChartDeps,
  args: SendWithChartsArgs<T>,
): Promise<T> {
  const charts = await prepareCharts(client, args.message.charts, args.target, deps);
  const options = {
    ...(args.share ? { share: args.share } : {}),
    ...(args.footer ? { footer: args.footer } : {}),
  };
  return withoutImagesOnRefusal(deps.logger, charts, args.refusal, (withImages) =>
    args.send(composeMessage(args.message, charts, { withImages, ...options })),
  );
}

async function withoutImagesOnRefusal<T>(
  logger: Logger,
  charts: readonly ChartOutcome[],
  refusal: RefusalSignal,
  send: (withImages: boolean) => Promise<T>,
): Promise<T> {
  try {
    return await send(true);
  } catch (error) {
    const code = slackErrorCode(error);
    const refused = isSlackError(error, 'invalid_blocks') || (refusal === 'reply' && code === undefined);
    if (!hasImages(charts) || !refused) throw error;
    logger.warn('message with chart images rejected; sending it without images', {
      code: code ?? 'respond_failed',
    });
    return send(false);
  }
}

/** Charts for a reply only the asker sees go to their DM with the bot, never to the shared channel. */
export function dmTarget(
  client: SlackClient,
  logger: Logger,
  userId: string,
): () => Promise<ChartTarget | null> {
  return async () => {
    try {
      const opened = await client.conversations.open({ users: userId });
      const channelId = opened.channel?.id;
      return channelId ? { channelId, where: 'in your DM with Codex Pulse' } : null;
    } catch (error) {
      logger.warn('could not open a DM for chart images', { user: userId, code: slackErrorCode(error) });
      return null;
    }
  };
}
