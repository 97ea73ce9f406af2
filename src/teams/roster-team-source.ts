import { parseRoster } from './parse-roster.js';
import type { TeamDefinition, TeamSource } from './team-source.js';

/** Reads a file's text: the roster source never touches the file system itself. */
export type ReadText = (path: string) => Promise<string>;

/**
 * Teams from the roster file (ROSTER_FILE): one team per distinct team name, its members by email.
 * The file is read and validated whole at each load — a broken roster fails the refresh (RosterError
 * with line numbers) rather than importing half of it. The team named `seatsTeam` (SEATS_GROUP) lists
 * who holds a seat.
 */
export function rosterTeamSource(
  path: string,
  readText: ReadText,
  seatsTeam: string | undefined,
): TeamSource {
  return {
    origin: 'roster',
    async load() {
      const entries = parseRoster(
        await readText(path),
        path.toLowerCase().endsWith('.json') ? 'json' : 'csv',
      );
      const teams = new Map<string, TeamDefinition>();
      for (const entry of entries) {
        const key = entry.team.toLowerCase();
        let team = teams.get(key);
        if (!team) {
          team = {
            id: `roster:${key}`,
            name: entry.team,
            origin: 'roster',
            seats: seatsTeam !== undefined && key === seatsTeam.replace(/^[@#]/, '').toLowerCase(),
            members: [],
          };
          teams.set(key, team);
        }
        team.members.push({
          kind: 'email',
          email: entry.email,
          manager: entry.manager,
          costCentre: entry.costCentre,
        });
      }
      return [...teams.values()];
    },
  };
}
