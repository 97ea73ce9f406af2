import type { Logger } from '../logger.js';
import type { SlackClient } from '../slack-posting/slack-client.js';
import { slackErrorCode } from '../slack-posting/slack-error-code.js';
import type { Store, Subscription } from '../store/store-types.js';
import type { ChannelPacer } from './channel-pacer.js';
import { type ChannelError, pausedDmText } from './digest-notices.js';

export interface PauseDeps {
  store: Store;
  slack: SlackClient;
  pacer: ChannelPacer;
  logger: Logger;
}

/**
 * The bot cannot post in the subscription's channel: pause it (so later ticks stop trying and nobody
 * is spammed with failures) and tell its owner why and how to fix it, in a DM. A DM that cannot be sent
 * is logged, not thrown: the pause and the failed delivery are already recorded.
 */
export async function pauseSubscription(
  deps: PauseDeps,
  sub: Subscription,
  code: ChannelError,
): Promise<void> {
  await deps.store.subscriptions.setStatus(sub.id, 'paused', code);
  try {
    const opened = await deps.slack.conversations.open({ users: sub.ownerUserId });
    const dm = opened.channel?.id;
    if (!dm) throw new Error('conversations.open answered without a channel');
    await deps.pacer.run(dm, () =>
      deps.slack.chat.postMessage({ channel: dm, text: pausedDmText(sub, code) }),
    );
  } catch (error) {
    deps.logger.warn('could not DM the owner of a paused digest', {
      subscription: sub.id,
      user: sub.ownerUserId,
      code: slackErrorCode(error) ?? (error instanceof Error ? error.message : String(error)),
    });
  }
  deps.logger.warn('digest subscription paused', { subscription: sub.id, channel: sub.channelId, code });
}
