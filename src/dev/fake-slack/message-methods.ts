import { checkBlocks } from './block-check.js';
import { str } from './fake-slack-state.js';
import { fail, type MethodHandler } from './method-handler.js';

/** auth.test, chat.*, views.publish — the methods that put something in front of people. */
export const messageMethods: Record<string, MethodHandler> = {
  'auth.test': (_params, state) => ({
    ok: true,
    url: 'https://fake-workspace.slack.com/',
    team: 'Fake Workspace',
    user: 'codex-pulse',
    team_id: state.teamId,
    user_id: state.botUserId,
    bot_id: state.botId,
    is_enterprise_install: false,
  }),

  'chat.postMessage': (params, state) => {
    const channel = str(params.channel);
    if (!channel) return fail('channel_not_found');
    if (state.channel(channel).is_member === false) return fail('not_in_channel');
    if (!str(params.text) && params.blocks === undefined) return fail('no_text');
    const invalid = checkBlocks(params.blocks, state);
    if (invalid) return fail(invalid);
    const threadTs = str(params.thread_ts);
    const ts = state.nextTs();
    state.messages.set(`${channel}:${ts}`, {
      channel,
      ts,
      ...(threadTs ? { threadTs } : {}),
      text: str(params.text) ?? '',
      blocks: params.blocks,
      ...(params.metadata === undefined ? {} : { metadata: params.metadata }),
    });
    return {
      ok: true,
      channel,
      ts,
      message: {
        type: 'message',
        user: state.botUserId,
        bot_id: state.botId,
        text: str(params.text) ?? '',
        ts,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...(params.blocks === undefined ? {} : { blocks: params.blocks }),
        ...(params.metadata === undefined ? {} : { metadata: params.metadata }),
      },
    };
  },

  'chat.postEphemeral': (params, state) => {
    const channel = str(params.channel);
    if (!channel) return fail('channel_not_found');
    if (!str(params.user)) return fail('user_not_found');
    if (state.channel(channel).is_member === false) return fail('not_in_channel');
    if (!str(params.text) && params.blocks === undefined) return fail('no_text');
    const invalid = checkBlocks(params.blocks, state);
    if (invalid) return fail(invalid);
    return { ok: true, message_ts: state.nextTs() };
  },

  'chat.update': (params, state) => {
    const channel = str(params.channel);
    const ts = str(params.ts);
    const message = channel && ts ? state.messages.get(`${channel}:${ts}`) : undefined;
    if (!message) return fail('message_not_found');
    const invalid = checkBlocks(params.blocks, state);
    if (invalid) return fail(invalid);
    message.text = str(params.text) ?? message.text ?? '';
    if (params.blocks !== undefined) message.blocks = params.blocks;
    // Like Slack: metadata left out of an update is kept, not cleared.
    if (params.metadata !== undefined) message.metadata = params.metadata;
    return { ok: true, channel, ts, text: message.text };
  },

  'chat.delete': (params, state) => {
    const channel = str(params.channel);
    const ts = str(params.ts);
    if (!channel || !ts || !state.messages.delete(`${channel}:${ts}`)) return fail('message_not_found');
    return { ok: true, channel, ts };
  },

  'views.publish': (params, state) => {
    if (!str(params.user_id)) return fail('invalid_arguments');
    const view = params.view;
    if (typeof view !== 'object' || view === null) return fail('invalid_arguments');
    const blocks = (view as { blocks?: unknown }).blocks;
    if (Array.isArray(blocks) && blocks.length > 100) return fail('invalid_blocks');
    return { ok: true, view: { id: state.nextId('V'), team_id: state.teamId, ...view } };
  },
};
