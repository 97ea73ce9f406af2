/**
 * Where the personal weekly DM (issue 13 §4) gets what it shows beyond the subscriber's own figures: the
 * subscriber's email (Slack, at delivery time — never stored, so a changed address is followed) and the
 * budgets of the teams they are in.
 */
import { z } from 'zod';
import type { AlertHistory } from '../analytics/alert-history.js';
import { type BudgetStatus, budgetStatus } from '../analytics/budget-status.js';
import type { SlackClient } from '../slack-posting/slack-client.js';
import type { Budget, BudgetStore } from '../store/alert-store-types.js';
import { matchTeam } from '../teams/create-team-analytics.js';
import type { TeamsOfMember } from '../teams/teams-of-member.js';

/** Budgets of the subscriber's teams; absent where there is no warehouse (then the DM has none). */
export interface PersonalBudgetSources {
  budgets: BudgetStore;
  history: AlertHistory;
  teamsOf: TeamsOfMember;
}

const userInfo = z.object({
  user: z.object({ profile: z.object({ email: z.string().optional() }).optional() }).optional(),
});

/** The Slack user's profile email (users.info, users:read.email); null when Slack gives none. */
export async function subscriberEmail(slack: SlackClient, userId: string): Promise<string | null> {
  const answer = userInfo.parse(await slack.users.info({ user: userId }));
  const email = answer.user?.profile?.email?.trim() ?? '';
  return email === '' ? null : email;
}

/** What one DM asks for: the status of each budget of a team `userId` is in (not the workspace's). */
export type TeamBudgetStatuses = (teamId: string, userId: string) => Promise<BudgetStatus[]>;

/**
 * The budget lines of one scheduler run. Every DM of a run shows the same budgets as of the same
 * moment, so each Slack team's budgets and each budget's status are read once per run, not once per
 * subscriber (a budget's status is a scan of the warehouse's daily series); only the membership is
 * asked per person.
 */
export function teamBudgetStatusesOfRun(sources: PersonalBudgetSources, now: Date): TeamBudgetStatuses {
  const budgetsOf = new Map<string, Promise<Budget[]>>();
  const statusOf = new Map<string, Promise<BudgetStatus>>();
  const once = <T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = load();
      cache.set(key, value);
    }
    return value;
  };
  return async (teamId, userId) => {
    const list = await once(budgetsOf, teamId, () => sources.budgets.list(teamId));
    const teamBudgets = list.filter((b) => b.team !== null);
    if (teamBudgets.length === 0) return [];
    const mine = await sources.teamsOf(userId);
    const relevant = teamBudgets.filter((b) => b.team !== null && matchTeam(mine, b.team) !== null);
    return Promise.all(
      relevant.map((budget) => once(statusOf, budget.id, () => budgetStatus(sources.history, budget, now))),
    );
  };
}
