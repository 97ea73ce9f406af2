import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { PERSONAL_UNSUBSCRIBE_ACTION_ID } from '../../reports/personal/personal-week-message.js';
import { errorCode } from '../errors.js';
import type { SubscriptionStore } from '../store/store-types.js';
import type { EdgeDeps } from './edge-deps.js';

const GONE_TEXT = 'This weekly DM is already off. `/codex me subscribe` starts one.';
const NOT_YOURS_TEXT = 'Only the person this weekly DM is for can unsubscribe it.';
const DONE_TEXT = 'Unsubscribed: no more weekly DM. `/codex me subscribe` starts it again.';
const FAILED_TEXT =
  ":warning: I couldn't unsubscribe you. Try again in a moment, or `/codex me unsubscribe`.";

/**
 * The Unsubscribe button of the personal weekly DM (issue 13 §4). The button's value is the subscription
 * id, which anyone who sees the message (a forward, a screenshot) could replay: the clicker must be the
 * subscriber, checked against the store at the click. The answer goes to the clicker alone.
 */
export function registerPersonalUnsubscribeAction(
  app: App,
  deps: EdgeDeps,
  subscriptions: SubscriptionStore,
): void {
  app.action<BlockAction<ButtonAction>>(
    { action_id: PERSONAL_UNSUBSCRIBE_ACTION_ID },
    async ({ ack, body, action, respond }) => {
      await ack();
      const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
      const user = body.user.id;
      try {
        const sub = action.value ? await subscriptions.get(action.value) : null;
        if (sub === null || sub.kind !== 'personal') {
          await tell(GONE_TEXT);
          return;
        }
        if (sub.ownerUserId !== user || (body.team?.id !== undefined && body.team.id !== sub.teamId)) {
          deps.logger.warn('personal unsubscribe refused: not the subscriber', {
            subscription: sub.id,
            user,
          });
          await tell(NOT_YOURS_TEXT);
          return;
        }
        await tell((await subscriptions.remove(sub.id)) ? DONE_TEXT : GONE_TEXT);
        deps.logger.info('personal subscription ended from its button', { subscription: sub.id, user });
      } catch (error) {
        deps.logger.error('personal unsubscribe button failed', error, { code: errorCode(error), user });
        await tell(FAILED_TEXT);
      }
    },
  );
}
