import type { KnownBlock } from '@slack/types';
import type { ReportMessage, ThreadedReport } from '../../reports/report-message.js';
import { altTextOutcome, prepareCharts } from './chart-images.js';
import { composeMessage, hasImages } from './compose-message.js';
import type { EdgeDeps } from './edge-deps.js';
import type { SlackClient } from './slack-client.js';
import { isSlackError, slackErrorCode } from './slack-error-code.js';

export interface PostReportArgs {
  channelId: string;
  /** Reply inside this thread; top-level when absent. */
  threadTs?: string;
  message: ReportMessage;
  footer?: KnownBlock;
}

/**
 * Posts a public message with chat.postMessage and returns its ts. Top-level messages go out first with
 * the charts as text, the PNGs are uploaded into the message's own thread (keeping the channel clean),
 * and the message is then updated with the images. Inside a thread the charts are uploaded first.
 * Membership errors (`not_in_channel`, `channel_not_found`) propagate for the caller's invite hint.
 */
export async function postReport(client: SlackClient, deps: EdgeDeps, args: PostReportArgs): Promise<string> {
  const { channelId, message } = args;
  const footer = args.footer ? { footer: args.footer } : {};
  const thread = args.threadTs ? { thread_ts: args.threadTs } : {};
  if (args.threadTs || message.charts.length === 0) {
    const charts = await prepareCharts(
      client,
      message.charts,
      async () => chartTarget(channelId, args.threadTs),
      deps,
    );
    const post = (withImages: boolean) =>
      client.chat.postMessage({
        channel: channelId,
        ...thread,
        ...composeMessage(message, charts, { withImages, ...footer }),
      });
    try {
      return (await post(true)).ts ?? '';
    } catch (error) {
      if (!hasImages(charts) || !isSlackError(error, 'invalid_blocks')) throw error;
      deps.logger.warn('thread reply with chart images rejected; posting without images', {
        channel: channelId,
      });
      return (await post(false)).ts ?? '';
    }
  }
  const placeholder = composeMessage(message, message.charts.map(altTextOutcome), {
    withImages: false,
    ...footer,
  });
  const posted = await client.chat.postMessage({ channel: channelId, ...placeholder });
  const ts = posted.ts ?? '';
  const charts = await prepareCharts(client, message.charts, async () => chartTarget(channelId, ts), deps);
  const updated = composeMessage(message, charts, { withImages: true, ...footer });
  if (JSON.stringify(updated.blocks) === JSON.stringify(placeholder.blocks)) return ts;
  try {
    await client.chat.update({ channel: channelId, ts, ...updated });
  } catch (error) {
    // The text is already posted and the chart files sit in the thread: nothing is lost, so only log.
    deps.logger.warn('adding chart images to the posted message failed', {
      channel: channelId,
      code: slackErrorCode(error),
    });
  }
  return ts;
}

/** A parent message and its replies in its thread (or all inside `threadTs` when already in one). */
export async function postThread(
  client: SlackClient,
  deps: EdgeDeps,
  args: { channelId: string; threadTs?: string; report: ThreadedReport; footer?: KnownBlock },
): Promise<string> {
  const parentTs = await postReport(client, deps, { ...args, message: args.report.parent });
  const threadTs = args.threadTs ?? parentTs;
  for (const reply of args.report.replies) {
    await postReport(client, deps, { channelId: args.channelId, threadTs, message: reply });
  }
  return parentTs;
}

function chartTarget(channelId: string, threadTs: string | undefined) {
  return threadTs ? { channelId, threadTs, where: 'in the thread' } : { channelId, where: 'in this channel' };
}
