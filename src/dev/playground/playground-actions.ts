import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { BotAnswer, BotRequests } from './bot-requests.js';
import type { FakeSlackBridge } from './fake-slack-bridge.js';
import type { Feed } from './feed.js';
import { playgroundIds as ids } from './playground-ids.js';

/** A button the page reports clicked: in a message (by feed id) or in the App Home view ('home'). */
export interface PageClick {
  messageId: string;
  actionId: string;
  blockId: string;
  value: string;
  label: string;
}

/** What the page's controls do, in Slack's terms. Each resolves once the bot has acked. */
export interface PlaygroundActions {
  /** The message box: `/codex …` is a slash command, `@Codex Pulse …` a mention, anything else a message. */
  send(text: string): Promise<void>;
  click(click: PageClick): Promise<void>;
  openHome(): Promise<void>;
}

export interface PlaygroundActionDeps {
  feed: Feed;
  bridge: FakeSlackBridge;
  bot: BotRequests;
  /** A fresh response_url on the fake Slack. */
  responseUrl: () => string;
  clock: Clock;
  logger: Logger;
}

const MENTION = /^@codex(?:[ -]pulse)?\b\s*/i;

/** The page's controls over the signed requests Slack would send to the bot. */
export function createPlaygroundActions(deps: PlaygroundActionDeps): PlaygroundActions {
  const { feed, bridge, bot, clock } = deps;
  const now = () => clock.now().getTime();
  const post = (author: 'user' | 'slackbot', text: string, extra: { threadTs?: string } = {}) =>
    feed.add({
      conversation: ids.channel,
      ts: feed.localTs(now()),
      author,
      ephemeral: author === 'slackbot',
      text,
      at: now(),
      ...extra,
    });
  // What Slack itself says when an app does not ack in 3 s or answers an error status.
  const failed = (what: string, answer: BotAnswer | Error) => {
    const error = answer instanceof Error ? 'operation_timeout' : 'dispatch_failed';
    deps.logger.warn('playground: the bot did not ack', {
      what,
      status: answer instanceof Error ? undefined : answer.status,
      code: error,
    });
    post('slackbot', `${what} failed with the error "${error}"`);
  };

  return {
    async send(raw) {
      const text = raw.trim();
      if (text === '') return;
      const slash = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
      if (slash && slash[1] !== 'codex') {
        post(
          'slackbot',
          `\`/${escapeMrkdwn(slash[1] ?? '')}\` is not a valid command here: this playground has \`/codex\` only.`,
        );
        return;
      }
      if (slash) {
        post('user', escapeMrkdwn(text));
        const url = deps.responseUrl();
        bridge.route(url, ids.channel);
        const answer = await bot.slash(pickChannel(slash[2] ?? ''), url).catch((error: Error) => error);
        if (answer instanceof Error || answer.status !== 200) return failed('/codex', answer);
        if (answer.body) bridge.ack(url, answer.body);
        return;
      }
      const mention = MENTION.exec(text);
      const body = mention
        ? `<@${ids.botUser}> ${escapeMrkdwn(text.slice(mention[0].length))}`
        : escapeMrkdwn(text);
      const message = post('user', body);
      if (!mention) {
        post('slackbot', 'Codex Pulse answers `/codex …` commands and `@Codex Pulse …` mentions.');
        return;
      }
      const event = {
        type: 'app_mention',
        user: ids.user,
        text: body,
        ts: message.ts,
        channel: ids.channel,
        event_ts: message.ts,
        team: ids.team,
      };
      const answer = await bot.event(event).catch((error: Error) => error);
      if (answer instanceof Error || answer.status !== 200) failed('@Codex Pulse', answer);
    },

    async click(click) {
      const message = click.messageId === 'home' ? undefined : feed.get(click.messageId);
      if (click.messageId !== 'home' && !message) return;
      const responseUrl = deps.responseUrl();
      if (message) bridge.route(responseUrl, message.conversation, message.id);
      const answer = await bot
        .click({
          ...click,
          container: message
            ? {
                type: 'message',
                channelId: message.conversation,
                messageTs: message.ts,
                ephemeral: message.ephemeral,
                responseUrl,
              }
            : { type: 'view', viewId: 'V0PLAYHOME' },
        })
        .catch((error: Error) => error);
      if (answer instanceof Error || answer.status !== 200) failed('That button', answer);
    },

    async openHome() {
      const ts = feed.localTs(now());
      const answer = await bot
        .event({ type: 'app_home_opened', user: ids.user, channel: ids.dm, tab: 'home', event_ts: ts })
        .catch((error: Error) => error);
      if (answer instanceof Error || answer.status !== 200) failed('App Home', answer);
    },
  };
}

/** What Slack's client does to typed text: `&`, `<`, `>` become entities, so typing never makes a link. */
function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * `#codex-demo` as Slack's autocomplete sends a picked channel, `<#C…|codex-demo>`: the page has no
 * autocomplete, and `/codex digest subscribe #codex-demo` answered "I can't tell which channel".
 */
function pickChannel(text: string): string {
  return text.replace(
    new RegExp(`(^|\\s)#${ids.channelName}(?=\\s|$)`, 'g'),
    `$1<#${ids.channel}|${ids.channelName}>`,
  );
}
