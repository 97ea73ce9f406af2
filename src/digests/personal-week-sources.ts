/**
 * Where the personal weekly DM (issue 13 §4) gets what it shows beyond the subscriber's own figures: the
 * subscriber's email (Slack, at delivery time — never stored, so a changed address is followed) and the
 * budgets of the teams they are in.
 */
import { z } from 'zod';
import type { AlertHistory } from '../analytics/alert-history.js';
import { type BudgetStatus, budgetStatus } from '../analytics/budget-status.js';
import type { SlackClient } from '../slack-posting/slack-client.js';
import type { BudgetStore } from '../store/alert-store-types.js';
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

/** The status of each budget of a team `userId` is in (the workspace's own budget is not a team's). */
export async function teamBudgetStatuses(
  sources: PersonalBudgetSources,
  teamId: string,
  userId: string,
  now: Date,
): Promise<BudgetStatus[]> {
  const teamBudgets = (await sources.budgets.list(teamId)).filter((b) => b.team !== null);
  if (teamBudgets.length === 0) return [];
  const mine = await sources.teamsOf(userId);
  const relevant = teamBudgets.filter((b) => b.team !== null && matchTeam(mine, b.team) !== null);
  return Promise.all(relevant.map((budget) => budgetStatus(sources.history, budget, now)));
}
