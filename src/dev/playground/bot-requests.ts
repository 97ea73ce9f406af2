import type { Clock } from '../../clock.js';
import { playgroundIds as ids } from './playground-ids.js';
import { signSlackRequest } from './sign-slack-request.js';

/** What Bolt answered: its HTTP status and, for a slash command, the ack body (the first ephemeral). */
export interface BotAnswer {
  status: number;
  body: Record<string, unknown> | null;
}

/** One button click, as the playground page reports it. */
export interface Click {
  actionId: string;
  blockId: string;
  value: string;
  label: string;
  /** Where the button was: a message (with its response_url) or the App Home view. */
  container:
    | { type: 'message'; channelId: string; messageTs: string; ephemeral: boolean; responseUrl: string }
    | { type: 'view'; viewId: string };
}

/** Sends what Slack would send to the bot: signed, to its `/slack/events`, with Slack's 3 s ack limit. */
export interface BotRequests {
  slash(text: string, responseUrl: string): Promise<BotAnswer>;
  click(click: Click): Promise<BotAnswer>;
  event(event: Record<string, unknown>): Promise<BotAnswer>;
}

const ACK_TIMEOUT_MS = 3_000;

/** Builds Slack-shaped payloads for the playground's one person, channel and team. */
export function createBotRequests(deps: {
  eventsUrl: string;
  signingSecret: string;
  clock: Clock;
}): BotRequests {
  const post = async (body: string, contentType: string): Promise<BotAnswer> => {
    const now = Math.floor(deps.clock.now().getTime() / 1000);
    const signed = signSlackRequest(deps.signingSecret, body, contentType, now);
    const res = await fetch(deps.eventsUrl, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
      signal: AbortSignal.timeout(ACK_TIMEOUT_MS),
    });
    const raw = await res.text();
    return { status: res.status, body: parseObject(raw) };
  };
  const form = (fields: Record<string, string>) =>
    post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
  let events = 0;
  // Unique per event, as Slack's are (Bolt passes it on to listeners and logs).
  const eventId = () => {
    events += 1;
    return `Ev${deps.clock.now().getTime().toString(36).toUpperCase()}${events}`;
  };
  const user = { id: ids.user, username: ids.userName, name: ids.userName, team_id: ids.team };
  const team = { id: ids.team, domain: ids.teamDomain };

  return {
    slash: (text, responseUrl) =>
      form({
        token: 'playground',
        team_id: ids.team,
        team_domain: ids.teamDomain,
        channel_id: ids.channel,
        channel_name: ids.channelName,
        user_id: ids.user,
        user_name: ids.userName,
        command: '/codex',
        text,
        api_app_id: ids.appId,
        response_url: responseUrl,
        trigger_id: `${Date.now()}.playground`,
      }),
    click: (click) => {
      const at = click.container;
      const where =
        at.type === 'message'
          ? {
              container: {
                type: 'message',
                message_ts: at.messageTs,
                channel_id: at.channelId,
                is_ephemeral: at.ephemeral,
              },
              channel: {
                id: at.channelId,
                name: at.channelId === ids.channel ? ids.channelName : 'directmessage',
              },
              response_url: at.responseUrl,
            }
          : { container: { type: 'view', view_id: at.viewId }, view: { id: at.viewId, type: 'home' } };
      const payload = {
        type: 'block_actions',
        api_app_id: ids.appId,
        token: 'playground',
        trigger_id: `${Date.now()}.playground`,
        user,
        team,
        ...where,
        actions: [
          {
            type: 'button',
            action_id: click.actionId,
            block_id: click.blockId,
            value: click.value,
            text: { type: 'plain_text', text: click.label, emoji: true },
            action_ts: String(deps.clock.now().getTime() / 1000),
          },
        ],
      };
      return form({ payload: JSON.stringify(payload) });
    },
    event: (event) =>
      post(
        JSON.stringify({
          token: 'playground',
          team_id: ids.team,
          api_app_id: ids.appId,
          type: 'event_callback',
          event_id: eventId(),
          event_time: Math.floor(deps.clock.now().getTime() / 1000),
          event,
        }),
        'application/json',
      ),
  };
}

function parseObject(raw: string): Record<string, unknown> | null {
  if (!raw.trim().startsWith('{')) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
