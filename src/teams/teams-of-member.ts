import type { Warehouse } from '../warehouse/warehouse.js';
import type { StoredTeam } from '../warehouse/warehouse-teams.js';

/** The teams a Slack user is in, by the last identity refresh (never the seats group). */
export type TeamsOfMember = (slackUserId: string) => Promise<StoredTeam[]>;

/**
 * Reads the warehouse's teams and memberships (issue 12) for one person: what the personal weekly DM
 * (issue 13 §4) needs to show the budgets of the subscriber's teams. Two small snapshot reads per DM.
 */
export function createTeamsOfMember(warehouse: Pick<Warehouse, 'teams'>): TeamsOfMember {
  return async (slackUserId) => {
    const [teams, memberships] = await Promise.all([warehouse.teams.teams(), warehouse.teams.memberships()]);
    const mine = new Set(memberships.filter((m) => m.slackUserId === slackUserId).map((m) => m.teamId));
    return teams.filter((team) => !team.seats && mine.has(team.id));
  };
}
