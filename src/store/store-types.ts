/**
 * The persistence contract for scheduled digests and shareable answers. Two implementations share one SQL dialect and one
 * migration set: embedded (DuckDB under DATA_DIR, no set-up, one instance) and PostgreSQL (DATABASE_URL,
 * several replicas). Everything a replica needs to deliver each digest exactly once goes through here.
 */
import type { DigestCadence } from '../domain/digest-cadence.js';
import type { DigestDay } from '../domain/digest-days.js';
import type { DigestStyle } from '../domain/digest-styles.js';
import type { AlertStore, BudgetStore } from './alert-store-types.js';

/**
 * 'channel': a digest posted in a channel. 'personal' (issue 13 §4): `/codex me subscribe`, the subscriber's
 * own week in their DM with the bot — the owner is the subscriber, and `channelId` holds their user id
 * (the DM is opened at delivery time, so nothing about the DM is stored).
 */
export type SubscriptionKind = 'channel' | 'personal';

export interface Subscription {
  /** Short, typeable id shown in Slack, e.g. `d7k3q`. */
  id: string;
  teamId: string;
  /** Slack channel ID (never the name: names change); the subscriber's user id for a personal one. */
  channelId: string;
  /** The Slack user who subscribed: gets a DM when the subscription pauses. */
  ownerUserId: string;
  kind: SubscriptionKind;
  day: DigestDay;
  /** Local `HH:MM`, 24-hour. */
  time: string;
  /** IANA zone the day and time are read in (DST-correct). */
  timeZone: string;
  style: DigestStyle;
  /** Weekly, monthly or quarterly (issue 11 §3); subscriptions from before cadences are weekly. */
  cadence: DigestCadence;
  /**
   * A team's own digest (issue 12 §3): the warehouse team's id and its name when subscribed; null for
   * the workspace digest.
   */
  team: SubscriptionTeam | null;
  status: 'active' | 'paused';
  /** Why it paused (e.g. `not_in_channel`), null while active. */
  pausedReason: string | null;
  createdAt: Date;
}

/** The team a subscription's digest is about. */
export interface SubscriptionTeam {
  id: string;
  name: string;
}

/** A subscription to create; without `team`, the workspace digest; `kind` defaults to 'channel'. */
export type NewSubscription = Omit<
  Subscription,
  'id' | 'kind' | 'status' | 'pausedReason' | 'createdAt' | 'team'
> & {
  team?: SubscriptionTeam | null;
  kind?: SubscriptionKind;
};

/** When a subscription is due: what re-subscribing changes. */
export type SubscriptionSchedule = Pick<Subscription, 'day' | 'time' | 'timeZone'>;

export type DeliveryStatus = 'pending' | 'delivered' | 'skipped' | 'failed';

/** One digest for one subscription and one period (the start of the covered week, month or quarter). */
export interface Delivery {
  subscriptionId: string;
  /** Unix seconds of the covered period's start (00:00 UTC): with subscriptionId, the exactly-once key. */
  periodStart: number;
  /** When it was due (the subscription's local day and time, as an instant). */
  dueAt: Date;
  status: DeliveryStatus;
  /** Why it was skipped or failed; null otherwise. */
  reason: string | null;
  /** Slack `ts` of the parent message once posted: thread replies hang under it. */
  parentTs: string | null;
  /** How many messages (parent = part 0, then replies) are recorded as posted. */
  postedParts: number;
  attempts: number;
  /** The replica working on it and until when its claim holds; null when not claimed. */
  claimedBy: string | null;
  claimedUntil: Date | null;
  updatedAt: Date;
}

export interface SubscriptionStore {
  create(input: NewSubscription): Promise<Subscription>;
  get(id: string): Promise<Subscription | null>;
  list(teamId?: string): Promise<Subscription[]>;
  /** True when it existed. Its deliveries are kept (history), not deleted. */
  remove(id: string): Promise<boolean>;
  setStatus(id: string, status: Subscription['status'], reason: string | null): Promise<void>;
  /** The live personal subscription of a Slack user (at most one), or null. */
  findPersonal(teamId: string, userId: string): Promise<Subscription | null>;
  /**
   * Changes when a live subscription is due, keeping its id and its delivery history: a week already
   * delivered is not delivered again at the new time (the exactly-once key is the period). Null when
   * it no longer exists.
   */
  setSchedule(id: string, schedule: SubscriptionSchedule): Promise<Subscription | null>;
}

export interface DeliveryStore {
  /**
   * Claims (subscription, period) for `workerId` until `now + leaseMs`, atomically: inserts a pending
   * delivery when none exists, or takes over one that is still pending and whose claim has expired (a
   * crashed replica). Returns the claimed delivery — with the parts already posted, so the caller
   * resumes — or null when another replica holds it or it is finished (delivered/skipped/failed).
   */
  claim(input: {
    subscriptionId: string;
    periodStart: number;
    dueAt: Date;
    workerId: string;
    now: Date;
    leaseMs: number;
  }): Promise<Delivery | null>;
  /** Records that message `part` was posted (part 0 sets parentTs). Only the claim holder may record. */
  recordPart(key: DeliveryKey, workerId: string, part: number, ts: string): Promise<void>;
  /** Ends a delivery: delivered, skipped (with reason) or failed (with reason); releases the claim. */
  finish(
    key: DeliveryKey,
    workerId: string,
    status: Exclude<DeliveryStatus, 'pending'>,
    reason?: string,
  ): Promise<void>;
  /**
   * Re-claims a delivery that ended `failed` (e.g. the Codex API was down) for `workerId` until
   * `now + leaseMs`, atomically: only one caller turns a failed row back into a claimed pending one, so
   * two replicas never both retry it. Posted parts are kept, so the retry resumes the thread under the
   * same parent; it counts as one more attempt, so it resumes exactly as a takeover does. Null when there
   * is no such delivery or it is not failed.
   */
  reopenFailed(input: {
    subscriptionId: string;
    periodStart: number;
    workerId: string;
    now: Date;
    leaseMs: number;
  }): Promise<Delivery | null>;
  /** Records a skipped period without a claim (missed beyond the grace window); no-op if one exists. */
  recordSkipped(key: DeliveryKey, dueAt: Date, reason: string): Promise<void>;
  get(key: DeliveryKey): Promise<Delivery | null>;
  /** Newest first. */
  recent(subscriptionId: string, limit: number): Promise<Delivery[]>;
}

/** An ephemeral answer kept for its "Share to channel" button, bound to the person it was built for. */
export interface NewShare {
  teamId: string;
  /** The Slack user the answer was built for: the only one who may share it. */
  userId: string;
  /** True when it holds per-user data (admin-only): sharing re-checks that the user is still an admin. */
  perUser: boolean;
  /** How many people the answer names (0 for aggregates): the confirm dialog says it. */
  namedPeople: number;
  /** The answer as plain JSON; whoever reads it back parses it (the store does not know its shape). */
  payload: unknown;
}

export interface Share extends NewShare {
  /** Random and unguessable (a UUID): it travels in the button's value. */
  id: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface ShareStore {
  /** Keeps `input` until `now + ttlMs`; deletes every expired share first, so the table stays bounded. */
  save(input: NewShare, now: Date, ttlMs: number): Promise<Share>;
  /** The share when it exists and has not expired at `now`; null otherwise. */
  get(id: string, now: Date): Promise<Share | null>;
  /**
   * Holds a live share for the click that posts it, until `now + leaseMs`, atomically: false when it is
   * unknown, expired, or held by another click (a double click, or another replica).
   */
  take(id: string, now: Date, leaseMs: number): Promise<boolean>;
  /** Lets it be taken again (posting failed, e.g. the bot is not in the channel yet). */
  release(id: string): Promise<void>;
  /** Deletes it (shared: the button is gone with the ephemeral). */
  remove(id: string): Promise<void>;
}

export interface DeliveryKey {
  subscriptionId: string;
  periodStart: number;
}

export interface Store {
  readonly kind: 'embedded' | 'postgres';
  subscriptions: SubscriptionStore;
  deliveries: DeliveryStore;
  shares: ShareStore;
  /** Alert rules and their firings (issue 13). */
  alerts: AlertStore;
  /** Monthly budgets (issue 13). */
  budgets: BudgetStore;
  /** A cheap round trip (`SELECT 1`) for GET /readyz; rejects with store_unavailable when it fails. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
