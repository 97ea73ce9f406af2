import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { CommandReply } from '../../commands/command-types.js';
import type { SlackPayload } from '../slack-posting/compose-message.js';
import { postNow, postThread } from '../slack-posting/post-report.js';
import { dmTarget, sendWithCharts } from '../slack-posting/send-with-charts.js';
import type { SlackClient } from '../slack-posting/slack-client.js';
import { isMembershipError } from '../slack-posting/slack-error-code.js';
import { uploadFileReply } from '../slack-posting/upload-file-reply.js';
import type { EdgeDeps } from './edge-deps.js';
import { INVITE_HINT } from './invite-hint.js';
import { privateAnswer } from './private-answer.js';

const DM_FAILED_TEXT =
  ":warning: I couldn't open a DM with you, and this file holds per-user data, so I won't post it in the channel. Try again in a moment.";

/**
 * Delivers a `/codex` answer, replacing the "Working on it…" placeholder. Ephemeral answers go through
 * respond() (works in every conversation); public threads and files need chat.postMessage / uploads,
 * which need the bot in the channel — when it is not, the person gets the invite hint instead. Files
 * for the requester only (per-user exports) go to the asker's DM, never to the channel.
 */
export async function deliverSlashReply(
  client: SlackClient,
  deps: EdgeDeps,
  respond: RespondFn,
  command: SlashCommand,
  reply: CommandReply,
): Promise<void> {
  const ephemeral = (payload: SlackPayload) =>
    respond({ ...payload, response_type: 'ephemeral', replace_original: true }).then(() => undefined);
  const hint = () => respond({ response_type: 'ephemeral', replace_original: true, text: INVITE_HINT });

  if (reply.kind === 'file') {
    if (reply.audience === 'requester') {
      // Per-user files go to the asker's DM only; without a DM there is no safe place, so say so.
      const dm = await dmTarget(client, deps.logger, command.user_id)();
      if (!dm) {
        await respond({ response_type: 'ephemeral', replace_original: true, text: DM_FAILED_TEXT });
        return;
      }
      await uploadFileReply(client, reply, { channelId: dm.channelId });
      await respond({
        response_type: 'ephemeral',
        replace_original: true,
        text: `I sent \`${reply.filename}\` to your DM with Codex Pulse.`,
      });
      return;
    }
    try {
      await uploadFileReply(client, reply, { channelId: command.channel_id });
      await respond({ delete_original: true });
    } catch (error) {
      if (!isMembershipError(error)) throw error;
      await hint();
    }
    return;
  }

  if (reply.visibility === 'ephemeral') {
    const { message, share } = await privateAnswer(reply, deps, {
      userId: command.user_id,
      teamId: command.team_id,
    });
    await sendWithCharts(client, deps, {
      message,
      target: dmTarget(client, deps.logger, command.user_id),
      send: ephemeral,
      refusal: 'reply',
      ...(share ? { share } : {}),
    });
    return;
  }

  if (reply.kind === 'message') {
    // An ephemeral placeholder cannot turn public: remove it, then post the answer in the channel.
    await respond({ delete_original: true });
    await sendWithCharts(client, deps, {
      message: reply.message,
      target: async () => ({ channelId: command.channel_id, where: 'in this channel' }),
      send: (payload) => respond({ ...payload, response_type: 'in_channel' }).then(() => undefined),
      refusal: 'reply',
    });
    return;
  }

  try {
    await postThread(client, deps, {
      channelId: command.channel_id,
      report: reply.report,
      post: postNow(client),
    });
    await respond({ delete_original: true });
  } catch (error) {
    if (!isMembershipError(error)) throw error;
    await hint();
  }
}
