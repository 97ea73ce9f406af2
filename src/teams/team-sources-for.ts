import type { TeamsConfig } from '../config/env.js';
import { type ReadText, rosterTeamSource } from './roster-team-source.js';
import type { SlackDirectory } from './slack-directory.js';
import { channelTeamSource, seatsTeamSource, usergroupTeamSource } from './slack-team-sources.js';
import type { TeamSource } from './team-source.js';

/**
 * The sources the configuration asks for (TEAM_SOURCES; every user group by default), plus the seats
 * group when SEATS_GROUP names a Slack group (id or @handle) or channel (id). Otherwise SEATS_GROUP is
 * a roster team's name, and that team lists the seats.
 */
export function teamSourcesFor(
  config: TeamsConfig,
  deps: { directory: SlackDirectory; readText: ReadText },
): TeamSource[] {
  const seats = config.seatsGroup;
  // A Slack id (S…, C…, G…) or a group handle (@…); any other name is a roster team's.
  const slackSeats = seats !== undefined && /^([SCG][A-Z0-9]+|@.+)$/.test(seats) ? seats : undefined;
  const sources: TeamSource[] = [];
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
    if (kind === 'roster' && config.rosterFile) {
      sources.push(rosterTeamSource(config.rosterFile, deps.readText, slackSeats ? undefined : seats));
    }
  }
  if (slackSeats) sources.push(seatsTeamSource(deps.directory, slackSeats));
  return sources;
}
