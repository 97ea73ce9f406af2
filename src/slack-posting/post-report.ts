import type { KnownBlock, MessageMetadata } from '@slack/types';
import type { ReportMessage, ThreadedReport } from '../../reports/blocks/report-message.js';
import { altTextOutcome, type ChartDeps, prepareCharts } from './chart-images.js';
import { composeMessage, type SlackPayload } from './compose-message.js';
import { sendWithCharts } from './send-with-charts.js';
import type { SlackClient } from './slack-client.js';
import { slackErrorCode } from './slack-error-code.js';

/** One chat.postMessage request as postReport builds it. */
export interface PostRequest extends SlackPayload {
  channel: string;
  thread_ts?: string;
  metadata?: MessageMetadata;
}

/**
 * Sends one chat.postMessage and returns the new message's ts. This is where pacing comes in: a
 * listener answering one person posts at once (`postNow`); the digests pass their per-channel pacer,
 * a client that does not retry, and a lookup of the message after a lost answer (post-digest-part.ts).
 */
export type PostMessage = (request: PostRequest) => Promise<string>;

/** Posts with `client` at once, unpaced: an answer to one person who is waiting. */
export function postNow(client: SlackClient): PostMessage {
  return async (request) => (await client.chat.postMessage(request)).ts ?? '';
}

export interface PostReportArgs {
  channelId: string;
  /** Reply inside this thread; top-level when absent. */
  threadTs?: string | undefined;
  message: ReportMessage;
  footer?: KnownBlock;
  /** Sent with the post and with the image update (a digest part says which part it is). */
  metadata?: MessageMetadata;
  /** How the chat.postMessage goes out: see PostMessage. */
  post: PostMessage;
  /**
   * The ts of this message when it is already in Slack (a resumed digest found it but never recorded
   * it): not posted again. A reply is then done — its charts went up before it was posted; a parent
   * still gets its chart, which is only ever uploaded after the parent exists.
   */
  existingTs?: string | undefined;
  /** Files already in the thread (filename → id), reused rather than uploaded twice; see ChartTarget. */
  uploaded?: ReadonlyMap<string, string>;
  /** Called with the message's ts as soon as Slack accepted it, before any chart work. */
  onPosted?: (ts: string) => Promise<void>;
}

/**
 * Posts a public message and returns its ts. Top-level messages go out first with the charts as text
 * and are recorded (`onPosted`) the moment they exist — so a crash during the chart work cannot post a
 * second one — then the PNGs are uploaded into the message's own thread (keeping the channel clean)
 * and the message is updated with the images. Inside a thread the charts are uploaded first and the
 * reply goes out with them (sendWithCharts: again without images if Slack refuses them). A chart
 * failure never loses the text. Membership errors (`not_in_channel`, `channel_not_found`) propagate
 * for the caller's invite hint or pause.
 */
export async function postReport(
  client: SlackClient,
  deps: ChartDeps,
  args: PostReportArgs,
): Promise<string> {
  const { channelId, message, threadTs, existingTs } = args;
  const footer = args.footer ? { footer: args.footer } : {};
  const metadata = args.metadata ? { metadata: args.metadata } : {};
  const uploaded = args.uploaded ? { uploaded: args.uploaded } : {};
  const onPosted = args.onPosted ?? (async () => undefined);

  if (threadTs) {
    if (existingTs) {
      await onPosted(existingTs);
      return existingTs;
    }
    const ts = await sendWithCharts(client, deps, {
      message,
      target: async () => ({ channelId, threadTs, where: 'in the thread', ...uploaded }),
      send: (payload) => args.post({ channel: channelId, thread_ts: threadTs, ...payload, ...metadata }),
      refusal: 'web-api',
      ...footer,
    });
    await onPosted(ts);
    return ts;
  }

  const placeholder = composeMessage(message, message.charts.map(altTextOutcome), {
    withImages: false,
    ...footer,
  });
  const ts = existingTs ?? (await args.post({ channel: channelId, ...placeholder, ...metadata }));
  await onPosted(ts);
  if (message.charts.length === 0) return ts;
  const target = async () => ({ channelId, threadTs: ts, where: 'in the thread', ...uploaded });
  const charts = await prepareCharts(client, message.charts, target, deps);
  const updated = composeMessage(message, charts, { withImages: true, ...footer });
  if (JSON.stringify(updated.blocks) === JSON.stringify(placeholder.blocks)) return ts;
  try {
    await client.chat.update({ channel: channelId, ts, ...updated, ...metadata });
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
  deps: ChartDeps,
  args: {
    channelId: string;
    threadTs?: string;
    report: ThreadedReport;
    footer?: KnownBlock;
    post: PostMessage;
  },
): Promise<string> {
  const parentTs = await postReport(client, deps, { ...args, message: args.report.parent });
  const threadTs = args.threadTs ?? parentTs;
  for (const reply of args.report.replies) {
    await postReport(client, deps, { channelId: args.channelId, threadTs, message: reply, post: args.post });
  }
  return parentTs;
}
