import { buildReviewReport } from '../reports/reviews/review-report.js';
import { reviewsWorkspaceWideText } from '../src/analytics/reviews-by-team-error.js';
import type { ReviewsRequest } from './args/parsed-command.js';
import { callOptions } from './call-options.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { answerWithinHistory } from './history-window.js';
import { noteReply } from './note-message.js';

/**
 * `/codex reviews [range] [by day|week|month|quarter]`: Codex Code Review figures. The API has no per-user review
 * data, so this is workspace-level and shareable by anyone. A `team` is refused with the reason rather
 * than ignored (issue 12 §3): a team header over workspace numbers would mislead.
 */
export async function runReviews(
  parsed: ReviewsRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  if (parsed.team !== null) {
    return noteReply(`${reviewsWorkspaceWideText} \`/codex reviews\` shows the workspace's.`);
  }
  const options = callOptions(invocation);
  return answerWithinHistory(
    parsed.window,
    deps.analytics,
    { ...options, title: 'Codex Code Review' },
    async (window) => {
      const view = await deps.analytics.reviews(window, { ...options, bucket: parsed.bucket });
      const message = buildReviewReport(view.reviews, { freshness: view.freshness });
      return { kind: 'message', message, visibility: 'ephemeral', audience: 'channel', shareable: true };
    },
  );
}
