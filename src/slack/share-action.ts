import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { errorCode } from '../errors.js';
import { SHARE_ACTION_ID } from '../slack-posting/compose-message.js';
import { postNow, postReport, postThread } from '../slack-posting/post-report.js';
import { isMembershipError, slackErrorCode } from '../slack-posting/slack-error-code.js';
import type { Share } from '../store/store-types.js';
import type { EdgeDeps } from './edge-deps.js';
import { INVITE_HINT } from './invite-hint.js';
import { parseShareable } from './shareable.js';

const EXPIRED_TEXT = 'This answer has expired — run the command again to share it.';
const NOT_YOURS_TEXT =
  'Only the person who ran the command can share it. Run the command yourself to get your own answer to share.';
const NOT_ADMIN_TEXT =
  'This answer names people, and only Codex Pulse admins (ADMIN_USER_IDS / ADMIN_USERGROUP_ID) can share per-user data.';
const BUSY_TEXT = 'That answer is being shared already.';
const FAILED_TEXT = ":warning: I couldn't share that to the channel. Try again in a moment.";

/** How long one click holds a share while it posts (a double click or another replica waits it out). */
const TAKE_LEASE_MS = 2 * 60_000;

/**
 * "Share to channel": an ephemeral reply cannot become public, so post a public copy (with who shared
 * it) and then delete the ephemeral. If the bot is not in the channel, keep the ephemeral and say how
 * to invite it. The share id alone proves nothing (issue #9): only the person the answer was built for
 * may share it, and an answer that names people only while that person is still an admin.
 */
export function registerShareAction(app: App, deps: EdgeDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { action_id: SHARE_ACTION_ID },
    async ({ ack, body, action, respond, client }) => {
      await ack();
      const shareId = action.value ?? '';
      const user = body.user.id;
      const team = body.user.team_id ?? body.team?.id;
      const channelId = body.channel?.id;
      const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
      let share: Share | null;
      try {
        share = shareId === '' ? null : await deps.shares.get(shareId, deps.clock.now());
      } catch (error) {
        deps.logger.error('share lookup failed', error, { code: errorCode(error), user });
        await tell(FAILED_TEXT);
        return;
      }
      const reply = share ? parseShareable(share.payload) : null;
      if (!share || !reply || !channelId) {
        await tell(EXPIRED_TEXT);
        return;
      }
      if (share.userId !== user || (team !== undefined && team !== share.teamId)) {
        deps.logger.warn('share refused: not the asker', { user, team, owner: share.userId });
        await tell(NOT_YOURS_TEXT);
        return;
      }
      // Admin rights may have gone since the answer was built: names need them at the moment of sharing.
      if (share.perUser && !(await deps.isAdmin(client, user))) {
        deps.logger.warn('share refused: per-user answer, user no longer an admin', { user, team });
        await tell(NOT_ADMIN_TEXT);
        return;
      }
      const taken = await deps.shares
        .take(shareId, deps.clock.now(), TAKE_LEASE_MS)
        .catch((error: unknown) => {
          deps.logger.error('share lookup failed', error, { code: errorCode(error), user });
          return null;
        });
      if (taken === null) {
        await tell(FAILED_TEXT);
        return;
      }
      if (!taken) {
        await tell(BUSY_TEXT);
        return;
      }
      const footer: KnownBlock = {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `Shared by <@${user}>` }],
      };
      await deps.inFlight.track(
        (async () => {
          try {
            const post = postNow(client);
            if (reply.kind === 'message')
              await postReport(client, deps, { channelId, message: reply.message, footer, post });
            else await postThread(client, deps, { channelId, report: reply.report, footer, post });
          } catch (error) {
            // Not posted: let the person try again (after inviting the bot, say).
            await deps.shares
              .release(shareId)
              .catch((second: unknown) => deps.logger.warn('could not release a share', second, { user }));
            if (isMembershipError(error)) {
              await tell(INVITE_HINT);
              return;
            }
            deps.logger.error('sharing failed', error, {
              code: slackErrorCode(error) ?? errorCode(error),
              user,
            });
            await tell(FAILED_TEXT);
            return;
          }
          deps.logger.info('answer shared', {
            user,
            channel: channelId,
            kind: reply.kind,
            namedPeople: share.namedPeople,
          });
          // Posted: from here a failure must not say "couldn't share". The lease keeps a second click
          // out until the row expires, even if deleting it fails.
          await deps.shares
            .remove(shareId)
            .catch((error: unknown) => deps.logger.warn('could not delete a shared answer', error, { user }));
          await respond({ delete_original: true });
        })(),
      );
    },
  );
}
