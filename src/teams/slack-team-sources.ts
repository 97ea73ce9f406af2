import type { SlackDirectory } from './slack-directory.js';
import type { TeamDefinition, TeamMemberRef, TeamSource } from './team-source.js';

const slackMembers = (ids: readonly string[]): TeamMemberRef[] =>
  ids.map((slackUserId) => ({ kind: 'slack', slackUserId }));

/**
 * Every enabled user group is a team (the default source, issue 12) — except the seats group, which
 * seatsTeamSource loads (a seat list is not a team).
 */
export function usergroupTeamSource(directory: SlackDirectory, seatsGroup: string | undefined): TeamSource {
  return {
    origin: 'usergroup',
    async load(signal) {
      const teams: TeamDefinition[] = [];
      for (const group of await directory.usergroups(signal)) {
        if (group.id === seatsGroup) continue;
        teams.push({
          id: group.id,
          name: `@${group.handle}`,
          origin: 'usergroup',
          seats: false,
          members: slackMembers(group.members),
        });
      }
      return teams;
    },
  };
}

/** Channels as teams: the members of each of `channelIds` (TEAM_CHANNELS). */
export function channelTeamSource(directory: SlackDirectory, channelIds: readonly string[]): TeamSource {
  return {
    origin: 'channel',
    async load(signal) {
      const teams: TeamDefinition[] = [];
      for (const id of channelIds) {
        const name = await directory.channelName(id, signal);
        teams.push({
          id,
          name: `#${name}`,
          origin: 'channel',
          seats: false,
          members: slackMembers(await directory.channelMembers(id, signal)),
        });
      }
      return teams;
    },
  };
}

/**
 * SEATS_GROUP when it is a Slack user group (S…) or channel (C…/G…): who holds a Codex seat. Loaded on
 * its own, whatever the team sources are.
 */
export function seatsTeamSource(directory: SlackDirectory, seatsGroup: string): TeamSource {
  const isGroup = seatsGroup.startsWith('S');
  return {
    origin: isGroup ? 'usergroup' : 'channel',
    async load(signal) {
      if (isGroup) {
        const group = (await directory.usergroups(signal)).find((g) => g.id === seatsGroup);
        // A group usergroups.list does not show (disabled, or another team's) is asked for by id.
        const members = group ? group.members : await directory.usergroupMembers(seatsGroup, signal);
        return [
          {
            id: seatsGroup,
            name: group ? `@${group.handle}` : seatsGroup,
            origin: 'usergroup',
            seats: true,
            members: slackMembers(members),
          },
        ];
      }
      const name = await directory.channelName(seatsGroup, signal);
      const members = await directory.channelMembers(seatsGroup, signal);
      return [
        { id: seatsGroup, name: `#${name}`, origin: 'channel', seats: true, members: slackMembers(members) },
      ];
    },
  };
}
