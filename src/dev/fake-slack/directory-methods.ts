import { str } from './fake-slack-state.js';
import { fail, type MethodHandler } from './method-handler.js';

/** users.*, usergroups.users.list and conversations.* — answered from the seeded maps. */
export const directoryMethods: Record<string, MethodHandler> = {
  'users.info': (params, state) => {
    const user = state.users.get(str(params.user) ?? '');
    if (!user) return fail('user_not_found');
    return {
      ok: true,
      user: {
        id: user.id,
        team_id: state.teamId,
        name: user.name,
        real_name: user.name,
        tz: user.tz ?? 'America/Los_Angeles',
        is_admin: user.is_admin ?? false,
        is_bot: false,
        profile: {
          real_name: user.name,
          display_name: user.name,
          ...(user.email ? { email: user.email } : {}),
        },
      },
    };
  },

  'users.lookupByEmail': (params, state) => {
    const email = str(params.email)?.toLowerCase();
    const user = [...state.users.values()].find((u) => u.email?.toLowerCase() === email);
    if (!user) return fail('users_not_found');
    return {
      ok: true,
      user: { id: user.id, team_id: state.teamId, name: user.name, profile: { email: user.email } },
    };
  },

  'usergroups.users.list': (params, state) => {
    const members = state.usergroupMembers.get(str(params.usergroup) ?? '');
    if (!members) return fail('no_such_subteam');
    return { ok: true, users: members };
  },

  'conversations.info': (params, state) => {
    const id = str(params.channel);
    if (!id) return fail('channel_not_found');
    const channel = state.channel(id);
    return {
      ok: true,
      channel: {
        id,
        name: channel.name,
        is_channel: !id.startsWith('D'),
        is_im: id.startsWith('D'),
        is_private: channel.is_private ?? id.startsWith('G'),
        is_member: channel.is_member ?? true,
      },
    };
  },

  'conversations.open': (params, state) => {
    const users = str(params.users);
    if (!users) return fail('users_list_not_supplied');
    const first = users.split(',')[0] ?? '';
    if (!state.users.has(first)) return fail('user_not_found');
    return { ok: true, channel: { id: `D${first.slice(1)}`, is_im: true } };
  },
};
