import type { DigestFigures } from '../../src/figures/figure-types.js';
import type { ThreadedReport } from '../blocks/report-message.js';
import { dataNotesReply } from './data-notes-reply.js';
import { buildDigestParent, reviewTopic, teamTitle } from './digest-parent.js';
import { cadenceWord } from './digest-period-words.js';
import { adoptionReply, creditsReply, reviewReply, topUsersReply } from './digest-replies.js';

/** Options of {@link buildWeeklyDigest}. */
export interface WeeklyDigestOptions {
  /** Header title; default "Codex weekly digest" ("Codex monthly digest", … for a calendar period). */
  title?: string;
  /** Users in the top-users reply; default 10. */
  topN?: number;
  /**
   * A team's own digest (issue 12 §3): the header names the team, and Code Review — which has no team —
   * is marked workspace-wide wherever it appears.
   */
  team?: string;
}

/**
 * The weekly digest as a thread. Parent: what changed, five KPIs with week-over-week arrows, one chart.
 * Replies: adoption by surface, credits and tokens, top users, Code Review, data notes — each a complete
 * message with its own footer, each within Slack's limits.
 */
export function buildWeeklyDigest(digest: DigestFigures, options: WeeklyDigestOptions = {}): ThreadedReport {
  return {
    parent: buildDigestParent(
      digest,
      teamTitle(options.title ?? `Codex ${cadenceWord(digest)} digest`, options.team),
      ['adoption', 'credits and tokens', 'top users', reviewTopic(options.team), 'data notes'],
      { workspaceWideReviews: options.team !== undefined },
    ),
    replies: [
      adoptionReply(digest),
      creditsReply(digest, false),
      topUsersReply(digest, options.topN ?? 10),
      reviewReply(digest, options.team !== undefined),
      dataNotesReply(digest, false),
    ],
  };
}
