import type { MessageMetadata } from '@slack/types';
import type { ReportMessage } from '../../reports/report-message.js';
import { altTextOutcome, type ChartDeps, prepareCharts } from '../slack/chart-images.js';
import { composeMessage, hasImages, type SlackPayload } from '../slack/compose-message.js';
import type { SlackClient } from '../slack/slack-client.js';
import { isSlackError, slackErrorCode } from '../slack/slack-error-code.js';
import type { ChannelPacer } from './channel-pacer.js';
import { postOnceClient } from './digest-slack-client.js';
import { postOrFind } from './post-or-find.js';

export interface PostPartArgs {
  channelId: string;
  /** The parent's ts for a thread reply; absent for the parent itself. */
  threadTs?: string;
  message: ReportMessage;
  /** Which digest part this is (digest-metadata.ts): sent with the post, so a resume can find it. */
  metadata: MessageMetadata;
  /**
   * The ts of this part when a resume found it already in Slack but not recorded (the process died, or
   * the answer was lost, between the post and the record): it is recorded, not posted again. A reply
   * is then done — its charts went up before it was posted; a parent still gets its chart, which is
   * only ever uploaded after the parent is recorded.
   */
  existingTs?: string | undefined;
  /**
   * Asks Slack for this part's message after a post lost its answer (findPostedParts): its ts if it
   * landed. Without it, such a post is retried blindly.
   */
  findPosted?: () => Promise<string | undefined>;
  /** Files already in the thread (filename → id), reused rather than uploaded twice; see ChartTarget. */
  uploaded?: ReadonlyMap<string, string>;
  /** Called with the new message's ts as soon as Slack accepted it, before any chart work. */
  onPosted: (ts: string) => Promise<void>;
}

/**
 * Posts one message of a digest thread through the channel pacer and returns its ts. Built from the
 * Slack edge's pieces (prepareCharts, composeMessage), like its postReport, with one difference that
 * exactly-once needs: the parent is recorded (`onPosted`) the moment it exists — it goes out with its
 * chart as text, then the PNG is uploaded into its thread and the parent updated with the image — so a
 * crash during the chart work cannot post a second parent. A chart failure never loses the text.
 * A part a resume found already posted (`existingTs`) is not posted again, nor are its charts uploaded.
 */
export async function postDigestPart(
  client: SlackClient,
  deps: ChartDeps & { pacer: ChannelPacer },
  args: PostPartArgs,
): Promise<string> {
  const { channelId, message, threadTs, metadata, existingTs } = args;
  const uploaded = args.uploaded ?? new Map<string, string>();
  const once = postOnceClient(client);
  const postOnce = async (payload: SlackPayload, thread?: string) => {
    const posted = await once.chat.postMessage({
      channel: channelId,
      ...(thread ? { thread_ts: thread } : {}),
      ...payload,
      metadata,
    });
    if (!posted.ts) throw new Error('chat.postMessage answered without a ts');
    return posted.ts;
  };
  const find = args.findPosted ?? (async () => undefined);
  const post = (payload: SlackPayload, thread?: string) =>
    deps.pacer.run(channelId, () =>
      postOrFind(deps, () => postOnce(payload, thread), find, {
        channel: channelId,
        ...metadata.event_payload,
      }),
    );

  if (threadTs && existingTs) {
    await args.onPosted(existingTs);
    return existingTs;
  }
  if (threadTs) {
    const target = async () => ({ channelId, threadTs, where: 'in the thread', uploaded });
    const charts = await prepareCharts(client, message.charts, target, deps);
    let ts: string;
    try {
      ts = await post(composeMessage(message, charts, { withImages: true }), threadTs);
    } catch (error) {
      if (!hasImages(charts) || !isSlackError(error, 'invalid_blocks')) throw error;
      deps.logger.warn('digest reply with chart images rejected; posting without images', {
        channel: channelId,
      });
      ts = await post(composeMessage(message, charts, { withImages: false }), threadTs);
    }
    await args.onPosted(ts);
    return ts;
  }

  const placeholder = composeMessage(message, message.charts.map(altTextOutcome), { withImages: false });
  const ts = existingTs ?? (await post(placeholder));
  await args.onPosted(ts);
  if (message.charts.length === 0) return ts;
  const target = async () => ({ channelId, threadTs: ts, where: 'in the thread', uploaded });
  const charts = await prepareCharts(client, message.charts, target, deps);
  const updated = composeMessage(message, charts, { withImages: true });
  if (JSON.stringify(updated.blocks) === JSON.stringify(placeholder.blocks)) return ts;
  try {
    await client.chat.update({ channel: channelId, ts, ...updated, metadata });
  } catch (error) {
    // The text is posted and the chart file sits in the thread: nothing is lost, so only log.
    deps.logger.warn('adding the chart image to the digest parent failed', {
      channel: channelId,
      code: slackErrorCode(error),
    });
  }
  return ts;
}
