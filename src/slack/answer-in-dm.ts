import { errorCode } from '../errors.js';
import { postNow, postReport, postThread } from '../slack-posting/post-report.js';
import type { SlackClient } from '../slack-posting/slack-client.js';
import { slackErrorCode } from '../slack-posting/slack-error-code.js';
import { uploadFileReply } from '../slack-posting/upload-file-reply.js';
import { commandWord } from './command-word.js';
import type { EdgeDeps } from './edge-deps.js';
import { runCommand } from './run-command.js';

/**
 * Runs `/codex <text>` for a button's clicker and posts the answer in their DM with the bot
 * (conversations.open + chat.postMessage): where a click has no response_url fit for a report with
 * charts (App Home, an alert's "Open the report"). The registry still checks who may see what. Never
 * throws: a failure is logged with `what` for the operator.
 */
export async function answerInDm(
  client: SlackClient,
  deps: EdgeDeps,
  ask: { text: string; userId: string; teamId: string; what: string },
): Promise<void> {
  const { text, userId } = ask;
  try {
    const opened = await client.conversations.open({ users: userId });
    const channelId = opened.channel?.id;
    if (!channelId) return;
    const outcome = await runCommand(client, deps, {
      text,
      word: commandWord(text),
      userId,
      teamId: ask.teamId,
      channelId,
      via: 'slash',
    });
    if (!outcome.ok) await client.chat.postMessage({ channel: channelId, text: outcome.text });
    else if (outcome.reply.kind === 'message')
      await postReport(client, deps, { channelId, message: outcome.reply.message, post: postNow(client) });
    else if (outcome.reply.kind === 'thread')
      await postThread(client, deps, { channelId, report: outcome.reply.report, post: postNow(client) });
    else await uploadFileReply(client, outcome.reply, { channelId });
  } catch (error) {
    deps.logger.error(`${ask.what} failed`, error, {
      code: slackErrorCode(error) ?? errorCode(error),
      user: userId,
      command: commandWord(text),
    });
  }
}
