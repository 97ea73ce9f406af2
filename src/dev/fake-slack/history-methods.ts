import { compareTs, type FakeMessage, type FakeSlackState, str } from './fake-slack-state.js';
import { fail, type MethodHandler } from './method-handler.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 999;

/**
 * conversations.history and conversations.replies as Slack answers them: history holds top-level
 * messages newest first, bounded by `oldest`/`latest` (exclusive unless `inclusive`); replies holds the
 * parent then its thread, oldest first. Both page with `limit` and an opaque `cursor`, and include a
 * message's `metadata` only when asked with `include_all_metadata` — code that forgets it finds nothing.
 */
export const historyMethods: Record<string, MethodHandler> = {
  'conversations.history': (params, state) => {
    const channel = str(params.channel);
    if (!channel) return fail('channel_not_found');
    if (state.channel(channel).is_member === false) return fail('not_in_channel');
    const inclusive = truthy(params.inclusive);
    const oldest = str(params.oldest);
    const latest = str(params.latest);
    const inBounds = (ts: string) =>
      (!oldest || (inclusive ? compareTs(ts, oldest) >= 0 : compareTs(ts, oldest) > 0)) &&
      (!latest || (inclusive ? compareTs(ts, latest) <= 0 : compareTs(ts, latest) < 0));
    const topLevel = state
      .messagesIn(channel)
      .filter((m) => (m.threadTs === undefined || m.threadTs === m.ts) && inBounds(m.ts))
      .reverse();
    return page(topLevel, params, state);
  },

  'conversations.replies': (params, state) => {
    const channel = str(params.channel);
    const ts = str(params.ts);
    if (!channel) return fail('channel_not_found');
    if (state.channel(channel).is_member === false) return fail('not_in_channel');
    const parent = ts ? state.messages.get(`${channel}:${ts}`) : undefined;
    if (!parent || !ts) return fail('thread_not_found');
    const thread = state.messagesIn(channel).filter((m) => m.threadTs === ts && m.ts !== ts);
    return page([parent, ...thread], params, state);
  },
};

function page(all: FakeMessage[], params: Record<string, unknown>, state: FakeSlackState) {
  const limit = Math.min(MAX_LIMIT, Math.max(1, Number(params.limit) || DEFAULT_LIMIT));
  const cursor = str(params.cursor);
  const start = cursor
    ? Number(
        Buffer.from(cursor, 'base64url')
          .toString('utf8')
          .replace(/^offset:/, ''),
      )
    : 0;
  if (!Number.isInteger(start) || start < 0) return fail('invalid_cursor');
  const slice = all.slice(start, start + limit);
  const more = start + limit < all.length;
  const withMetadata = truthy(params.include_all_metadata);
  return {
    ok: true,
    messages: slice.map((m) => shape(m, state, withMetadata)),
    has_more: more,
    response_metadata: {
      next_cursor: more ? Buffer.from(`offset:${start + limit}`, 'utf8').toString('base64url') : '',
    },
  };
}

function shape(m: FakeMessage, state: FakeSlackState, withMetadata: boolean): Record<string, unknown> {
  const replies =
    m.threadTs === undefined ? [...state.messages.values()].filter((r) => r.threadTs === m.ts) : [];
  return {
    type: 'message',
    user: state.botUserId,
    bot_id: state.botId,
    text: m.text ?? '',
    ts: m.ts,
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    ...(replies.length > 0 ? { thread_ts: m.ts, reply_count: replies.length } : {}),
    ...(m.blocks === undefined ? {} : { blocks: m.blocks }),
    ...(m.files ? { files: m.files.map((f) => ({ ...f, mimetype: 'image/png' })), upload: true } : {}),
    ...(withMetadata && m.metadata !== undefined ? { metadata: m.metadata } : {}),
  };
}

/** Form encoding sends booleans as 'true'/'1'. */
function truthy(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}
