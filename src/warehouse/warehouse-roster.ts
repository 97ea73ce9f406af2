/**
 * The roster an admin uploaded in the bot's DM (issue 12 §1b): kept in the warehouse beside the teams,
 * so every replica's identity refresh reads the same one and it outlives a restart. While one is stored
 * it is the roster the refresh uses, in place of ROSTER_FILE.
 */

/** One roster line as stored (the parsed, validated entry; the email lower-cased). */
export interface StoredRosterEntry {
  email: string;
  team: string;
  manager: string | null;
  costCentre: string | null;
}

export interface UploadedRoster {
  uploadedAt: Date;
  /** The Slack user id of the admin who uploaded it. */
  uploadedBy: string;
  fileName: string;
  /** In file order. */
  entries: readonly StoredRosterEntry[];
}

export interface WarehouseRoster {
  /** Replaces the stored roster whole, in one transaction: never half of an old and half of a new one. */
  replace(roster: UploadedRoster): Promise<void>;
  /** The stored roster, or null when none was uploaded (or it was removed). */
  current(): Promise<UploadedRoster | null>;
  /** Removes the stored roster (ROSTER_FILE applies again); false when there was none. */
  remove(): Promise<boolean>;
}
