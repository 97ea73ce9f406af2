/**
 * Alert rules and their firings (issue 13), beside subscriptions in the store: configuration people make
 * in Slack, shared by every replica on PostgreSQL. A firing is claimed per (rule, period) the way a
 * digest delivery is claimed per (subscription, period), so each period of a rule fires once.
 */
import type { AlertDestination, AlertRuleSpec } from '../domain/alert-rules.js';

export interface AlertRule {
  /** Short, typeable id shown in Slack, e.g. `k3q7d`. */
  id: string;
  teamId: string;
  /** The admin who made it: its DM is the destination `dm`. */
  ownerUserId: string;
  spec: AlertRuleSpec;
  destination: AlertDestination;
  createdAt: Date;
  /** No firing posts before this (the snooze button); null when not snoozed. */
  snoozedUntil: Date | null;
  /** Muted rules are kept and listed, but never fire. */
  muted: boolean;
}

export type NewAlertRule = Pick<AlertRule, 'teamId' | 'ownerUserId' | 'spec' | 'destination'>;

export type FiringStatus = 'pending' | 'posted' | 'failed' | 'suppressed';

/** One period of one rule that met its condition. */
export interface AlertFiringRecord {
  ruleId: string;
  /** Unix seconds: the period's start, with ruleId the exactly-once key, and its end. */
  periodStart: number;
  periodEnd: number;
  value: number;
  status: FiringStatus;
  /** Why it failed or was suppressed (snoozed, muted); null otherwise. */
  reason: string | null;
  /** The Slack message, once posted. */
  messageTs: string | null;
  claimedBy: string | null;
  claimedUntil: Date | null;
  updatedAt: Date;
  /**
   * How many times it was claimed: past 1, a replica died holding it — perhaps after Slack took its
   * message — so the heir looks for that message before posting (issue 13 §5).
   */
  attempts: number;
}

export interface AlertStore {
  create(input: NewAlertRule): Promise<AlertRule>;
  get(id: string): Promise<AlertRule | null>;
  /** The live (not removed) rules, oldest first; of one Slack team when given. */
  list(teamId?: string): Promise<AlertRule[]>;
  /** True when it existed. Its firings are kept (history). */
  remove(id: string): Promise<boolean>;
  /** Until when no firing of it posts; null lifts a snooze. */
  snooze(id: string, until: Date | null): Promise<void>;
  setMuted(id: string, muted: boolean): Promise<void>;
  /**
   * Claims (rule, period) for `workerId` until `now + leaseMs`, atomically: inserts a pending firing when
   * none exists, or takes over one still pending whose claim has expired (a crashed replica). Null when
   * another replica holds it or it has ended (posted, failed, suppressed): each period fires once.
   */
  claimFiring(input: {
    ruleId: string;
    periodStart: number;
    periodEnd: number;
    value: number;
    workerId: string;
    now: Date;
    leaseMs: number;
  }): Promise<AlertFiringRecord | null>;
  /** Ends a claimed firing: posted (with the message ts), failed or suppressed (with why). */
  finishFiring(
    key: { ruleId: string; periodStart: number },
    workerId: string,
    end: { status: Exclude<FiringStatus, 'pending'>; messageTs?: string; reason?: string },
  ): Promise<void>;
  /** A rule's firings, newest period first. */
  firings(ruleId: string, limit: number): Promise<AlertFiringRecord[]>;
}

/** What a monthly budget counts (issue 13, part 3). USD is always an estimate where the API gives none. */
export type BudgetUnit = 'credits' | 'usd';

/** A monthly budget of the workspace, or of one team. One live budget per (Slack team, scope). */
export interface Budget {
  id: string;
  teamId: string;
  /** Null: the whole workspace; else the team's name as typed (`platform`). */
  team: string | null;
  amount: number;
  unit: BudgetUnit;
  ownerUserId: string;
  createdAt: Date;
}

export type NewBudget = Pick<Budget, 'teamId' | 'team' | 'amount' | 'unit' | 'ownerUserId'>;

export interface BudgetStore {
  /** Sets the scope's budget, replacing the one it had (kept as history, removed). */
  set(input: NewBudget): Promise<Budget>;
  /** The live budgets of a Slack team (of every team when not given), the workspace's first, then by team. */
  list(teamId?: string): Promise<Budget[]>;
  /** Removes the scope's live budget; true when there was one. */
  remove(teamId: string, team: string | null): Promise<boolean>;
}
