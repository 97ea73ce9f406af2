/**
 * `/codex nudge inactive [team]` (issue 12): a friendly DM to each lapsed or never-started member, only
 * when an admin asked, after a preview (plan) and a click (send), at most once per person per
 * NUDGE_PERIOD_DAYS — recorded in the warehouse (warehouse-nudges.ts), so replicas share the record.
 */
import type { StoredTeam, TeamRefresh } from '../warehouse/warehouse-teams.js';

/** A person is nudged at most once in this many days. */
export const NUDGE_PERIOD_DAYS = 30;
/** "Inactive" for a nudge: lapsed for this many days, or never started (the 14 days). */
export const NUDGE_LAPSED_DAYS = 14;
/** The Send button's action id: built by reports/teams, handled by src/slack. */
export const NUDGE_SEND_ACTION_ID = 'codex_pulse_nudge_send';

/** The DM when NUDGE_MESSAGE is not set: friendly, short, and saying why it came. */
export const DEFAULT_NUDGE_MESSAGE =
  "Hi :wave: You have access to OpenAI Codex, but it looks like you haven't used it lately (or not yet). " +
  'It works in your terminal (Codex CLI), in your IDE, and in ChatGPT — a small task like explaining a ' +
  'module or writing a test is a good first try. Questions? Your Codex admins are happy to help.\n' +
  "_Sent by Codex Pulse at an admin's request; you won't get this again for 30 days._";

/**
 * Added to the DM of people no Codex user matched by their Slack email: they may use Codex under another
 * email, and a "you haven't used it" DM would then read wrong without it.
 */
export const NUDGE_ALIAS_NOTE =
  '_If you already use Codex under another email than your Slack one, please ignore this, and tell your ' +
  'Codex admins so your use is counted._';

/** The DM a person gets: the note for people no Codex user matched follows the text. */
export function nudgeText(text: string, matched: boolean): string {
  return matched ? text : `${text}\n${NUDGE_ALIAS_NOTE}`;
}

export type NudgePlan =
  | {
      kind: 'plan';
      refresh: TeamRefresh | null;
      /** The team asked about; null = every team (and the seat holders). */
      team: StoredTeam | null;
      /** The people who would get the DM now. */
      recipients: number;
      /** Of `recipients`, those no Codex user matched by email: their DM ends with NUDGE_ALIAS_NOTE. */
      unmatchedRecipients: number;
      /** Members with no email on their Slack profile: not known to be inactive, so skipped. */
      withoutEmail: number;
      /** Inactive people already nudged in the last NUDGE_PERIOD_DAYS days: skipped. */
      recentlyNudged: number;
      /** Inactive roster people the bot cannot DM (not in Slack): skipped. */
      unreachable: number;
      /** The DM's text. */
      text: string;
    }
  | { kind: 'unknown_team'; query: string; known: string[] };

export interface NudgeOutcome {
  kind: 'sent';
  sent: number;
  /** Skipped because someone was nudged in the last period (by this click's race, or before). */
  alreadyNudged: number;
  /** DMs Slack refused, with Slack's error code; these people can be nudged again. */
  failed: { slackUserId: string; error: string }[];
}

export interface NudgeService {
  /** Who would be nudged now, and with what text: the preview. */
  plan(team: string | null): Promise<NudgePlan>;
  /**
   * Sends the DM to each person the plan names at the time of the click, paced within chat.postMessage's
   * rate tier. `team` is what the preview resolved (a team id) or null for every team.
   */
  send(options: {
    team: string | null;
    requestedBy: string;
    signal?: AbortSignal;
  }): Promise<NudgeOutcome | Extract<NudgePlan, { kind: 'unknown_team' }>>;
}
