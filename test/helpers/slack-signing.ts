/**
 * Signed Slack requests for tests: slash commands, Events API callbacks and interactivity payloads,
 * signed exactly as Slack does (`v0=` + HMAC-SHA256 of `v0:{timestamp}:{raw body}`), so they go through
 * Bolt's real signature check. Reusable by E2E tests.
 */
import { createHmac } from 'node:crypto';

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export interface SignOptions {
  secret: string;
  /** Unix seconds; defaults to now. Use now − 360 to test the 5-minute replay window. */
  timestamp?: number;
  /** Overrides the computed signature (bad-signature tests). */
  signature?: string;
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

function sign(body: string, contentType: string, options: SignOptions): SignedRequest {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? slackSignature(options.secret, timestamp, body),
    },
  };
}

export interface SlashCommandFields {
  text: string;
  response_url: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  team_id?: string;
  team_domain?: string;
  command?: string;
  trigger_id?: string;
  api_app_id?: string;
}

/** A `/codex` slash command as Slack posts it (form-encoded). */
export function signedSlashCommand(fields: SlashCommandFields, options: SignOptions): SignedRequest {
  const form = new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0FAKE0001',
    team_domain: 'fake',
    channel_id: 'C0GENERAL1',
    channel_name: 'general',
    user_id: 'U0ALICE001',
    user_name: 'alice',
    command: '/codex',
    trigger_id: '1234.5678.abcd',
    api_app_id: 'A0CODEXPLS',
    ...fields,
  });
  return sign(form.toString(), 'application/x-www-form-urlencoded', options);
}

/** An Events API `event_callback` (JSON) wrapping `event`. */
export function signedEvent(
  event: Record<string, unknown>,
  options: SignOptions & { teamId?: string },
): SignedRequest {
  const body = JSON.stringify({
    token: 'legacy-verification-token',
    team_id: options.teamId ?? 'T0FAKE0001',
    api_app_id: 'A0CODEXPLS',
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
  return sign(body, 'application/json', options);
}

export interface ButtonClick {
  actionId: string;
  value: string;
  responseUrl: string;
  userId?: string;
  channelId?: string;
  blockId?: string;
}

/** A `block_actions` payload for one button click (form-encoded `payload=`), as from an ephemeral message. */
export function signedAction(click: ButtonClick, options: SignOptions): SignedRequest {
  const userId = click.userId ?? 'U0ALICE001';
  const payload = {
    type: 'block_actions',
    user: { id: userId, username: 'alice', name: 'alice', team_id: 'T0FAKE0001' },
    api_app_id: 'A0CODEXPLS',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: '1732440000.000100',
      channel_id: click.channelId ?? 'C0GENERAL1',
      is_ephemeral: true,
    },
    trigger_id: '1234.5678.efgh',
    team: { id: 'T0FAKE0001', domain: 'fake' },
    channel: { id: click.channelId ?? 'C0GENERAL1', name: 'general' },
    response_url: click.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: click.actionId,
        block_id: click.blockId ?? 'codex_pulse_share',
        value: click.value,
        text: { type: 'plain_text', text: 'Share to channel', emoji: true },
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
  const form = new URLSearchParams({ payload: JSON.stringify(payload) });
  return sign(form.toString(), 'application/x-www-form-urlencoded', options);
}

/** POSTs a signed request to Bolt's endpoint (e.g. `http://127.0.0.1:PORT/slack/events`). */
export function sendSigned(url: string, request: SignedRequest): Promise<Response> {
  return fetch(url, { method: 'POST', headers: request.headers, body: request.body });
}
