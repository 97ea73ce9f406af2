/**
 * The persistence contract for scheduled digests. Two implementations share one SQL dialect and one
 * migration set: embedded (PGlite under DATA_DIR, no set-up, one instance) and PostgreSQL (DATABASE_URL,
 * several replicas). Everything a replica needs to deliver each digest exactly once goes through here.
 */
import type { DigestDay, DigestStyle } from '../../commands/args/parsed-command.js';

export type { DigestDay, DigestStyle };

export interface Subscription {
  /** Short, typeable id shown in Slack, e.g. `d7k3q`. */
  id: string;
  teamId: string;
  /** Slack channel ID (never the name: names change). */
  channelId: string;
  /** The Slack user who subscribed: gets a DM when the subscription pauses. */
  ownerUserId: string;
  day: DigestDay;
  /** Local `HH:MM`, 24-hour. */
  time: string;
  /** IANA zone the day and time are read in (DST-correct). */
  timeZone: string;
  style: DigestStyle;
  status: 'active' | 'paused';
  /** Why it paused (e.g. `not_in_channel`), null while active. */
  pausedReason: string | null;
  createdAt: Date;
}

export type NewSubscription = Omit<Subscription, 'id' | 'status' | 'pausedReason' | 'createdAt'>;

export type DeliveryStatus = 'pending' | 'delivered' | 'skipped' | 'failed';

/** One digest for one subscription and one period (the Monday 00:00 UTC of the covered week). */
export interface Delivery {
  subscriptionId: string;
  /** Unix seconds of the covered week's Monday 00:00 UTC: with subscriptionId, the exactly-once key. */
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
  /** Records a skipped period without a claim (missed beyond the grace window); no-op if one exists. */
  recordSkipped(key: DeliveryKey, dueAt: Date, reason: string): Promise<void>;
  get(key: DeliveryKey): Promise<Delivery | null>;
  /** Newest first. */
  recent(subscriptionId: string, limit: number): Promise<Delivery[]>;
}

export interface DeliveryKey {
  subscriptionId: string;
  periodStart: number;
}

export interface Store {
  readonly kind: 'embedded' | 'postgres';
  subscriptions: SubscriptionStore;
  deliveries: DeliveryStore;
  close(): Promise<void>;
}
