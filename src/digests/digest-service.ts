/**
 * What the rest of the app asks of scheduled digests. The scheduler tick, `codex-pulse digest run` and
 * `/codex digest send-now|preview` all go through this one service, so they share the exactly-once
 * delivery rules (src/store/store-types.ts) and the cached analytics pull.
 */
import type { ThreadedReport } from '../../reports/blocks/report-message.js';
import type { Delivery } from '../store/store-types.js';

export type DeliveryOutcome =
  | { status: 'delivered'; delivery: Delivery }
  /** Another replica holds it, or it was already delivered for this period. */
  | { status: 'already'; delivery: Delivery | null }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; reason: string }
  /** Dry run: what would have been posted. */
  | { status: 'dry-run'; report: ThreadedReport; channelId: string };

/** A digest built but not posted, with how many people it names (the share dialog says it). */
export interface DigestPreview {
  report: ThreadedReport;
  namedPeople: number;
}

export interface RunSummary {
  at: Date;
  /** One entry per subscription that was due (within the grace window) or skipped as too old. */
  results: Array<{ subscriptionId: string; periodStart: number; outcome: DeliveryOutcome }>;
}

export interface DigestService {
  /** Delivers every subscription due at `now` (and catches up missed ones within the grace window). */
  runDue(now: Date, options?: { dryRun?: boolean; signal?: AbortSignal }): Promise<RunSummary>;
  /**
   * Delivers the subscription's digest for the current period now, outside its schedule. Claims the same
   * (subscription, period) key, so the scheduled run will not post it again; 'already' when delivered
   * or skipped before, or in progress elsewhere. A period that failed is re-claimed and retried, keeping
   * the parts already posted (the thread resumes under the same parent).
   */
  sendNow(subscriptionId: string, now: Date): Promise<DeliveryOutcome>;
  /**
   * A personal subscription's last closed week by DM now (the playground's "run digests" control, which
   * cannot wait for the person's slot), under the claim its schedule uses for that week: never twice.
   */
  sendPersonalNow(subscriptionId: string, now: Date): Promise<DeliveryOutcome>;
  /** The digest a subscription would post now, built but not posted; null for an unknown id. */
  preview(subscriptionId: string, now: Date): Promise<DigestPreview | null>;
}
