import type { App } from '@slack/bolt';
import type { CommandReply } from '../../commands/command-types.js';
import { errorCode } from '../errors.js';
import type { SlackPayload } from '../slack-posting/compose-message.js';
import { postNow, postReport, postThread } from '../slack-posting/post-report.js';
import { dmTarget, sendWithCharts } from '../slack-posting/send-with-charts.js';
import type { SlackClient } from '../slack-posting/slack-client.js';
import { isMembershipError, slackErrorCode } from '../slack-posting/slack-error-code.js';
import { uploadFileReply } from '../slack-posting/upload-file-reply.js';
import { commandWord } from './command-word.js';
import type { EdgeDeps } from './edge-deps.js';
import { INVITE_HINT } from './invite-hint.js';
import { privateAnswer } from './private-answer.js';
import { runCommand } from './run-command.js';

interface MentionContext {
  client: SlackClient;
  channelId: string;
  threadTs: string;
  userId: string;
  teamId: string;
}

/**
 * `@Codex Pulse usage last-week` anywhere the bot is: same grammar as `/codex`, answered in the thread
 * (slash commands cannot be typed in threads, mentions can). Where the answer goes is the reply's own
 * `audience`: 'requester' answers go only to the asker (chat.postEphemeral in the thread, files to
 * their DM), 'channel' answers are posted in the thread.
 */
export function registerAppMention(app: App, deps: EdgeDeps): void {
  app.event('app_mention', async ({ event, body, client, context }) => {
    if (!event.user) return;
    const ctx: MentionContext = {
      client,
      channelId: event.channel,
      threadTs: event.thread_ts ?? event.ts,
      userId: event.user,
      teamId: event.team ?? body.team_id,
    };
    const text = stripMention(event.text, context.botUserId);
    const teamId = ctx.teamId;
    // Behind the same limiter as slash commands: answers queue, acks do not.
    await deps.inFlight.track(
      deps.answerLimiter.run(async () => {
        const outcome = await runCommand(client, deps, {
          text,
          word: commandWord(text),
          userId: ctx.userId,
          teamId,
          channelId: ctx.channelId,
          via: 'mention',
        });
        try {
          if (!outcome.ok) await ephemeral(ctx, { text: outcome.text, blocks: [] });
          else await deliver(ctx, deps, outcome.reply);
        } catch (error) {
          const membership = isMembershipError(error);
          if (!membership) {
            deps.logger.error('answering a mention failed', error, {
              code: slackErrorCode(error) ?? errorCode(error),
              user: ctx.userId,
              team: teamId,
            });
          }
          const text = membership ? INVITE_HINT : ":warning: I couldn't post that answer.";
          await ephemeral(ctx, { text, blocks: [] }).catch((second: unknown) =>
            deps.logger.warn('could not tell the asker either', second, { user: ctx.userId }),
          );
        }
      }),
    );
  });
}

async function deliver(ctx: MentionContext, deps: EdgeDeps, reply: CommandReply): Promise<void> {
  const { client, channelId, threadTs, userId } = ctx;
  if (reply.kind === 'file') {
    if (reply.audience === 'channel') return uploadFileReply(client, reply, { channelId, threadTs });
    const dm = await dmTarget(client, deps.logger, userId)();
    if (!dm) throw new Error('could not open a DM for the file');
    await uploadFileReply(client, reply, { channelId: dm.channelId });
    return ephemeral(ctx, { text: `I sent \`${reply.filename}\` to your DM with Codex Pulse.`, blocks: [] });
  }
  if (reply.audience === 'requester') {
    const { message, share } = await privateAnswer(reply, deps, { userId, teamId: ctx.teamId });
    await sendWithCharts(client, deps, {
      message,
      target: dmTarget(client, deps.logger, userId),
      send: (payload) => ephemeral(ctx, payload),
      refusal: 'reply',
      ...(share ? { share } : {}),
    });
    return;
  }
  const post = postNow(client);
  if (reply.kind === 'message')
    await postReport(client, deps, { channelId, threadTs, message: reply.message, post });
  else await postThread(client, deps, { channelId, threadTs, report: reply.report, post });
}

async function ephemeral(ctx: MentionContext, payload: SlackPayload): Promise<void> {
  await ctx.client.chat.postEphemeral({
    channel: ctx.channelId,
    user: ctx.userId,
    thread_ts: ctx.threadTs,
    text: payload.text,
    ...(payload.blocks.length > 0 ? { blocks: payload.blocks } : {}),
  });
}

/** Removes the bot's own mention (`<@U123>` or `<@U123|name>`) so the rest parses like `/codex` text. */
export function stripMention(text: string, botUserId: string | undefined): string {
  const mention = botUserId
    ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g')
    : /^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>/;
  return text.replace(mention, ' ').replace(/\s+/g, ' ').trim();
}
