import { CodexPulseError } from '../errors.js';
import type { SlackDirectory, SlackUsergroup } from './slack-directory.js';
import type { TeamDefinition, TeamMemberRef, TeamSource } from './team-source.js';

/** SEATS_GROUP names a group by id (S…) or by handle (@codex-licensed). */
const isSeatsGroup = (group: SlackUsergroup, seatsGroup: string | undefined): boolean =>
  seatsGroup !== undefined && (group.id === seatsGroup || `@${group.handle}` === seatsGroup.toLowerCase());

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
        if (isSeatsGroup(group, seatsGroup)) continue;
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
 * SEATS_GROUP when it is a Slack user group (S… or @handle) or channel (C…/G…): who holds a Codex seat.
 * Loaded on its own, whatever the team sources are.
 */
export function seatsTeamSource(directory: SlackDirectory, seatsGroup: string): TeamSource {
  const isGroup = seatsGroup.startsWith('S') || seatsGroup.startsWith('@');
  return {
    origin: isGroup ? 'usergroup' : 'channel',
    async load(signal) {
      if (isGroup) {
        const group = (await directory.usergroups(signal)).find((g) => isSeatsGroup(g, seatsGroup));
        if (!group && seatsGroup.startsWith('@')) {
          throw new CodexPulseError(
            'config_invalid',
            `SEATS_GROUP ${seatsGroup}: no enabled user group has that handle`,
          );
        }
        // A group usergroups.list does not show (disabled) is asked for by id.
        const members = group ? group.members : await directory.usergroupMembers(seatsGroup, signal);
        return [
          {
            id: group?.id ?? seatsGroup,
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
