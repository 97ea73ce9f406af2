import type { TeamsConfig } from '../config/env.js';
import type { WarehouseRoster } from '../warehouse/warehouse-roster.js';
import { type ReadText, rosterTeamSource, uploadedRosterTeamSource } from './roster-team-source.js';
import type { SlackDirectory } from './slack-directory.js';
import { channelTeamSource, seatsTeamSource, usergroupTeamSource } from './slack-team-sources.js';
import type { TeamSource } from './team-source.js';

/**
 * The sources the configuration asks for (TEAM_SOURCES; every user group by default), plus the seats
 * group when SEATS_GROUP names a Slack group (id or @handle) or channel (id). Otherwise SEATS_GROUP is
 * a roster team's name, and that team lists the seats. A roster uploaded in the bot's DM (issue 12 §1b)
 * is read whether or not TEAM_SOURCES names `roster` (an admin uploaded it to be used), in place of
 * ROSTER_FILE until it is removed.
 */
export function teamSourcesFor(
  config: TeamsConfig,
  deps: { directory: SlackDirectory; readText: ReadText; uploadedRoster: Pick<WarehouseRoster, 'current'> },
): TeamSource[] {
  const seats = config.seatsGroup;
  // A Slack id (S…, C…, G…) or a group handle (@…); any other name is a roster team's.
  const slackSeats = seats !== undefined && /^([SCG][A-Z0-9]+|@.+)$/.test(seats) ? seats : undefined;
  const sources: TeamSource[] = [];
  const rosterSeats = slackSeats ? undefined : seats;
  const roster = (file: TeamSource | null) =>
    uploadedRosterTeamSource(deps.uploadedRoster, file, rosterSeats);
  let rosterAdded = false;
  for (const kind of config.sources) {
    if (kind === 'usergroups') sources.push(usergroupTeamSource(deps.directory, slackSeats));
    if (kind === 'channels') {
      sources.push(
        channelTeamSource(
          deps.directory,
          config.channels.filter((id) => id !== slackSeats),
        ),
      );
    }
    if (kind === 'roster' && !rosterAdded) {
      rosterAdded = true;
      const file = config.rosterFile ? rosterTeamSource(config.rosterFile, deps.readText, rosterSeats) : null;
      sources.push(roster(file));
    }
  }
  if (!rosterAdded) sources.push(roster(null));
  if (slackSeats) sources.push(seatsTeamSource(deps.directory, slackSeats));
  return sources;
}
