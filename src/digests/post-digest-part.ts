import type { MessageMetadata } from '@slack/types';
import type { ReportMessage } from '../../reports/blocks/report-message.js';
import type { ChartDeps } from '../slack-posting/chart-images.js';
import { type PostMessage, postReport } from '../slack-posting/post-report.js';
import type { SlackClient } from '../slack-posting/slack-client.js';
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
   * the answer was lost, between the post and the record): it is recorded, not posted again.
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
 * Posts one message of a digest thread and returns its ts: the shared postReport (src/slack-posting),
 * with what exactly-once needs passed in as its PostMessage — the channel's pacer, a client that does
 * not retry, and a look in Slack for the message before posting again after a lost answer.
 */
export async function postDigestPart(
  client: SlackClient,
  deps: ChartDeps & { pacer: ChannelPacer },
  args: PostPartArgs,
): Promise<string> {
  const { channelId, metadata } = args;
  const once = postOnceClient(client);
  const find = args.findPosted ?? (async () => undefined);
  const post: PostMessage = (request) =>
    deps.pacer.run(channelId, () =>
      postOrFind(
        deps,
        async () => {
          const posted = await once.chat.postMessage(request);
          if (!posted.ts) throw new Error('chat.postMessage answered without a ts');
          return posted.ts;
        },
        find,
        { channel: channelId, ...metadata.event_payload },
      ),
    );
  return postReport(client, deps, {
    channelId,
    threadTs: args.threadTs,
    message: args.message,
    metadata,
    post,
    existingTs: args.existingTs,
    ...(args.uploaded ? { uploaded: args.uploaded } : {}),
    onPosted: args.onPosted,
  });
}
