import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { errorCode } from '../errors.js';
import { SHARE_ACTION_ID } from './compose-message.js';
import type { EdgeDeps } from './edge-deps.js';
import { postReport, postThread } from './post-report.js';
import { INVITE_HINT, isMembershipError, slackErrorCode } from './slack-error-code.js';

const EXPIRED_TEXT = 'This answer has expired — run the command again to share it.';

/**
 * "Share to channel": an ephemeral reply cannot become public, so post a public copy (with who shared
 * it) and then delete the ephemeral. If the bot is not in the channel, keep the ephemeral and say how
 * to invite it.
 */
export function registerShareAction(app: App, deps: EdgeDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { action_id: SHARE_ACTION_ID },
    async ({ ack, body, action, respond, client }) => {
      await ack();
      const shareId = action.value ?? '';
      const reply = deps.shares.get(shareId);
      const channelId = body.channel?.id;
      const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
      if (!reply || !channelId) {
        await tell(EXPIRED_TEXT);
        return;
      }
      const footer: KnownBlock = {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `Shared by <@${body.user.id}>` }],
      };
      await deps.inFlight.track(
        (async () => {
          try {
            if (reply.kind === 'message')
              await postReport(client, deps, { channelId, message: reply.message, footer });
            else await postThread(client, deps, { channelId, report: reply.report, footer });
            deps.shares.delete(shareId);
            await respond({ delete_original: true });
            deps.logger.info('answer shared', { user: body.user.id, channel: channelId, kind: reply.kind });
          } catch (error) {
            if (isMembershipError(error)) {
              await tell(INVITE_HINT);
              return;
            }
            deps.logger.error('sharing failed', error, {
              code: slackErrorCode(error) ?? errorCode(error),
              user: body.user.id,
            });
            await tell(":warning: I couldn't share that to the channel. Try again in a moment.");
          }
        })(),
      );
    },
  );
}
