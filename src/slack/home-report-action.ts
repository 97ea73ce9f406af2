import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { HOME_OPEN_REPORT_ACTION, homeReports } from '../../reports/home/home-view.js';
import { errorCode } from '../errors.js';
import { postNow, postReport, postThread } from '../slack-posting/post-report.js';
import { slackErrorCode } from '../slack-posting/slack-error-code.js';
import { uploadFileReply } from '../slack-posting/upload-file-reply.js';
import { commandWord } from './command-word.js';
import type { EdgeDeps } from './edge-deps.js';
import { runCommand } from './run-command.js';

/**
 * App Home report buttons (`home_open_report_<report>`, value `usage|top|reviews`): a Home tab has no
 * response_url, so the command runs as `/codex <report> last-week` and the answer goes to the clicker's
 * DM with the bot (conversations.open + chat.postMessage). The registry still checks who may see what.
 */
export function registerHomeReportAction(app: App, deps: EdgeDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { action_id: new RegExp(`^${HOME_OPEN_REPORT_ACTION}`) },
    async ({ ack, body, action, client }) => {
      await ack();
      const report = homeReports.find((r) => r === action.value);
      if (!report) return;
      const userId = body.user.id;
      await deps.inFlight.track(
        (async () => {
          try {
            const opened = await client.conversations.open({ users: userId });
            const channelId = opened.channel?.id;
            if (!channelId) return;
            const text = `${report} last-week`;
            const outcome = await runCommand(client, deps, {
              text,
              word: commandWord(text),
              userId,
              teamId: body.team?.id ?? '',
              channelId,
              via: 'slash',
            });
            if (!outcome.ok) await client.chat.postMessage({ channel: channelId, text: outcome.text });
            else if (outcome.reply.kind === 'message')
              await postReport(client, deps, {
                channelId,
                message: outcome.reply.message,
                post: postNow(client),
              });
            else if (outcome.reply.kind === 'thread')
              await postThread(client, deps, {
                channelId,
                report: outcome.reply.report,
                post: postNow(client),
              });
            else await uploadFileReply(client, outcome.reply, { channelId });
          } catch (error) {
            deps.logger.error('App Home report failed', error, {
              code: slackErrorCode(error) ?? errorCode(error),
              user: userId,
              report,
            });
          }
        })(),
      );
    },
  );
}
