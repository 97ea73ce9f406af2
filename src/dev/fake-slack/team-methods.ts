import { type FakeSlackState, str } from './fake-slack-state.js';
import type { FakeSlackUser } from './fake-slack-types.js';
import { fail, type MethodHandler } from './method-handler.js';

/** users.list answers at most this many per page whatever `limit` asks (Slack: "no more than 1000"). */
const MAX_LIMIT = 1000;
/** Without `limit`, Slack pages anyway once a workspace is large; the fake uses this page size. */
const DEFAULT_LIMIT = 100;

/**
 * The directory methods teams are built from (issue 12): users.list and conversations.members page with
 * `limit` and an opaque `cursor` (an empty `next_cursor` ends the list), usergroups.list answers every
 * group at once, as Slack does. Their rate tiers are enforced by TierRateLimiter.
 */
export const teamMethods: Record<string, MethodHandler> = {
  'users.list': (params, state) => {
    const users = [...state.users.values()].sort((a, b) => a.id.localeCompare(b.id));
    const page = pageOf(users, params);
    if (!page) return fail('invalid_cursor');
    return {
      ok: true,
      members: page.items.map((user) => shapeUser(user, state)),
      cache_ts: 1_732_440_000,
      response_metadata: { next_cursor: page.next },
    };
  },

  'usergroups.list': (params, state) => {
    const withUsers = truthy(params.include_users);
    const withDisabled = truthy(params.include_disabled);
    const groups = [...state.usergroups.values()].filter((g) => withDisabled || !g.disabled);
    return {
      ok: true,
      usergroups: groups.map((group) => {
        const members = state.usergroupMembers.get(group.id) ?? [];
        return {
          id: group.id,
          team_id: state.teamId,
          is_usergroup: true,
          name: group.name,
          handle: group.handle,
          date_delete: group.disabled ? 1_732_440_000 : 0,
          user_count: members.length,
          ...(withUsers ? { users: members } : {}),
        };
      }),
    };
  },

  'conversations.members': (params, state) => {
    const channel = str(params.channel);
    const members = channel ? state.channelMembers.get(channel) : undefined;
    if (!channel || !members) return fail('channel_not_found');
    const page = pageOf(members, params);
    if (!page) return fail('invalid_cursor');
    return { ok: true, members: page.items, response_metadata: { next_cursor: page.next } };
  },
};

function shapeUser(user: FakeSlackUser, state: FakeSlackState): Record<string, unknown> {
  return {
    id: user.id,
    team_id: state.teamId,
    name: user.name,
    deleted: user.deleted ?? false,
    real_name: user.name,
    tz: user.tz ?? 'America/Los_Angeles',
    is_admin: user.is_admin ?? false,
    is_bot: user.is_bot ?? false,
    is_app_user: false,
    profile: {
      real_name: user.name,
      display_name: user.name,
      ...(user.email ? { email: user.email } : {}),
    },
  };
}

function pageOf<T>(all: readonly T[], params: Record<string, unknown>): { items: T[]; next: string } | null {
  const asked = Number(params.limit);
  const limit = Math.min(MAX_LIMIT, asked > 0 ? Math.floor(asked) : DEFAULT_LIMIT);
  const cursor = str(params.cursor);
  const start = cursor
    ? Number(
        Buffer.from(cursor, 'base64url')
          .toString('utf8')
          .replace(/^offset:/, ''),
      )
    : 0;
  if (!Number.isInteger(start) || start < 0 || start > all.length) return null;
  const more = start + limit < all.length;
  return {
    items: all.slice(start, start + limit),
    next: more ? Buffer.from(`offset:${start + limit}`, 'utf8').toString('base64url') : '',
  };
}

/** Form encoding sends booleans as 'true'/'1'. */
function truthy(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}
