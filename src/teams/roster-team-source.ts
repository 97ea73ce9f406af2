import type { WarehouseRoster } from '../warehouse/warehouse-roster.js';
import { parseRoster, type RosterEntry } from './parse-roster.js';
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
      const format = path.toLowerCase().endsWith('.json') ? 'json' : 'csv';
      return rosterTeams(parseRoster(await readText(path), format), seatsTeam);
    },
  };
}

/**
 * The roster an admin uploaded in the bot's DM (issue 12 §1b) when one is stored — it overrides
 * ROSTER_FILE until removed — otherwise `fallback` (the ROSTER_FILE source, or none). The stored roster
 * was validated whole when it was uploaded, so it is not parsed again.
 */
export function uploadedRosterTeamSource(
  uploaded: Pick<WarehouseRoster, 'current'>,
  fallback: TeamSource | null,
  seatsTeam: string | undefined,
): TeamSource {
  return {
    origin: 'roster',
    async load(signal) {
      const roster = await uploaded.current();
      if (roster) return rosterTeams(roster.entries, seatsTeam);
      return fallback ? fallback.load(signal) : [];
    },
  };
}

/** One team per distinct team name (case-insensitive, the first spelling names it), members by email. */
export function rosterTeams(
  entries: readonly RosterEntry[],
  seatsTeam: string | undefined,
): TeamDefinition[] {
  const teams = new Map<string, TeamDefinition>();
  const seatsKey = seatsTeam?.replace(/^[@#]/, '').toLowerCase();
  for (const entry of entries) {
    const key = entry.team.toLowerCase();
    let team = teams.get(key);
    if (!team) {
      team = {
        id: `roster:${key}`,
        name: entry.team,
        origin: 'roster',
        seats: key === seatsKey,
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
}
