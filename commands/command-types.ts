import type { ReportMessage, ThreadedReport } from '../reports/blocks/report-message.js';

/**
 * One `/codex …` invocation as the Slack edge hands it to the command layer. Commands never call Slack:
 * they return a reply, which the edge (or the scheduler) delivers.
 */
export interface CommandInvocation {
  /** Everything after `/codex` (or after the bot mention), untrimmed as typed. */
  text: string;
  userId: string;
  teamId: string;
  channelId: string;
  /** Per-user data (names, rankings, user exports) only when true (ADMIN_USER_IDS / ADMIN_USERGROUP_ID). */
  isAdmin: boolean;
  now: Date;
  /** The caller's Slack timezone (IANA), when known. */
  userTimezone?: string;
  /** The caller's Slack email (users.info); null when Slack gives none. Only `me` needs it. */
  lookupEmail: () => Promise<string | null>;
  signal?: AbortSignal;
}

export type Visibility = 'ephemeral' | 'in_channel';

/**
 * Who may see an answer where it was asked, decided once by the command that builds it (issue 10).
 * 'channel': the conversation it was asked in (a mention answers in the thread; a file goes to the
 * channel). 'requester': only the asker — per-user data, or an answer meant for them alone (a mention
 * answers ephemerally; a file goes to their DM with the bot, never to the channel).
 */
export type Audience = 'channel' | 'requester';

/**
 * Set only on answers built from per-user data (admins only): how many people the answer names. Sharing
 * such an answer re-checks that the person is still an admin, and asks them to confirm with this count.
 */
export interface NamesPeople {
  namedPeople?: number;
}

/**
 * How a message answer is shown. `visibility`: how a slash command's answer first appears (ephemeral,
 * or posted in the channel). `audience`: who may see it where it was asked. `shareable`: whether the
 * asker gets a "Share to channel" button.
 */
interface Presentation {
  visibility: Visibility;
  audience: Audience;
  shareable: boolean;
}

export type CommandReply =
  | ({ kind: 'message'; message: ReportMessage } & Presentation & NamesPeople)
  | ({ kind: 'thread'; report: ThreadedReport } & Presentation & NamesPeople)
  | {
      kind: 'file';
      filename: string;
      filetype: 'csv' | 'json';
      content: string;
      title: string;
      /** Posted with the file (what it holds, window, row count). */
      comment: ReportMessage;
      /**
       * Where the file may go. 'channel': the conversation the command came from. 'requester': only the
       * asker's DM with the bot — files with per-user data (the users export) must never land in a
       * channel, where everyone in it could download them.
       */
      audience: Audience;
    };

/** A subcommand's public description: drives `/codex help`, the manifest usage hint and the tests. */
export interface SubcommandInfo {
  name: string;
  usage: string;
  description: string;
  examples: string[];
  /** True when the answer contains per-user data (admins only). */
  perUser: boolean;
  /**
   * True when the answer depends only on the text, the time, the workspace, the asker's timezone and
   * whether they are an admin — no user, channel or side effect — so identical questions asked together
   * may share one computation at the edge.
   */
  pure?: boolean;
}

/** What the Slack edge receives: it never imports commands/ itself (see STYLE.md). */
export interface CommandRegistry {
  subcommands: readonly SubcommandInfo[];
  dispatch(invocation: CommandInvocation): Promise<CommandReply>;
}
