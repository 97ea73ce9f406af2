import type { DigestFigures } from '../../src/figures/figure-types.js';
import type { ThreadedReport } from '../blocks/report-message.js';
import { dataNotesReply } from './data-notes-reply.js';
import { buildDigestParent } from './digest-parent.js';
import { adoptionReply, creditsReply, reviewReply, topUsersReply } from './digest-replies.js';

/** Options of {@link buildWeeklyDigest}. */
export interface WeeklyDigestOptions {
  /** Header title; default "Codex weekly digest". */
  title?: string;
  /** Users in the top-users reply; default 10. */
  topN?: number;
}

/**
 * The weekly digest as a thread. Parent: what changed, five KPIs with week-over-week arrows, one chart.
 * Replies: adoption by surface, credits and tokens, top users, Code Review, data notes — each a complete
 * message with its own footer, each within Slack's limits.
 */
export function buildWeeklyDigest(digest: DigestFigures, options: WeeklyDigestOptions = {}): ThreadedReport {
  return {
    parent: buildDigestParent(digest, options.title ?? 'Codex weekly digest', [
      'adoption',
      'credits and tokens',
      'top users',
      'Code Review',
      'data notes',
    ]),
    replies: [
      adoptionReply(digest),
      creditsReply(digest, false),
      topUsersReply(digest, options.topN ?? 10),
      reviewReply(digest),
      dataNotesReply(digest, false),
    ],
  };
}
