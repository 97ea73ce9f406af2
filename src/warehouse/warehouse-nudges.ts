/**
 * Who was nudged, and when (issue 12, `/codex nudge inactive`): one row per Slack person, the newest
 * nudge. In the warehouse rather than the operational store, so every replica on one PostgreSQL reads
 * the same record, and a person gets at most one nudge per period however many admins click.
 */

export interface NudgeClaim {
  slackUserId: string;
  at: Date;
  /** The admin who clicked Send. */
  sentBy: string;
}

export interface WarehouseNudges {
  /**
   * Claims one person's nudge at `at` unless they were nudged after `since`: true when this caller may
   * send it (atomic on both engines — two replicas never both win). A claim counts as a nudge until
   * released, so a crash between claim and send errs towards not nudging twice.
   */
  claim(claim: NudgeClaim, since: Date): Promise<boolean>;
  /** The DM went out: the claim becomes a sent nudge. */
  markSent(slackUserId: string, at: Date): Promise<void>;
  /** The DM failed: drops this claim (only this one), so the person can be nudged again. */
  release(slackUserId: string, at: Date): Promise<void>;
  /** Slack user ids nudged (or claimed) after `since`. */
  nudgedSince(since: Date): Promise<Set<string>>;
}
