import type { DigestFigures } from '../../src/figures/figure-types.js';
import type { ThreadedReport } from '../blocks/report-message.js';
import { teamAdoptionReply } from '../teams/team-adoption-reply.js';
import { dataNotesReply } from './data-notes-reply.js';
import { buildDigestParent, reviewTopic, teamTitle } from './digest-parent.js';
import { adoptionReply, creditsReply, reviewReply } from './digest-replies.js';

/** Options of {@link buildLeadershipDigest}. */
export interface LeadershipDigestOptions {
  /** Header title; default "Codex leadership digest". */
  title?: string;
  /** A team's own digest (issue 12 §3), as in the weekly digest. */
  team?: string;
}

/**
 * The leadership digest: aggregates only — no label, email or user id appears anywhere, charts and alt
 * text included (the tests serialise the whole thread and search for them). It opens with the
 * deterministic what-changed sentence; the thread is the weekly digest's minus top users, with one
 * aggregate concentration line in its place, and — where team figures are wired — adoption by team
 * (issue 12), small teams folded.
 */
export function buildLeadershipDigest(
  digest: DigestFigures,
  options: LeadershipDigestOptions = {},
): ThreadedReport {
  // Adoption by team (issue 12), aggregate only, where team figures are wired.
  const teams = digest.teams;
  return {
    parent: buildDigestParent(
      digest,
      teamTitle(options.title ?? 'Codex leadership digest', options.team),
      [
        'adoption',
        ...(teams ? ['adoption by team'] : []),
        'credits and tokens',
        reviewTopic(options.team),
        'data notes',
      ],
      { workspaceWideReviews: options.team !== undefined },
    ),
    replies: [
      adoptionReply(digest),
      ...(teams ? [teamAdoptionReply(digest, teams)] : []),
      creditsReply(digest, true),
      reviewReply(digest, options.team !== undefined),
      dataNotesReply(digest, true),
    ],
  };
}
