import { buildReviewReport } from '../reports/reviews/review-report.js';
import type { ReviewsRequest } from './args/parsed-command.js';
import { callOptions } from './call-options.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';

/**
 * `/codex reviews [range] [by day|week]`: Codex Code Review figures. The API has no per-user review
 * data, so this is workspace-level and shareable by anyone.
 */
export async function runReviews(
  parsed: ReviewsRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  const view = await deps.analytics.reviews(parsed.window, {
    ...callOptions(invocation),
    bucket: parsed.bucket,
  });
  const message = buildReviewReport(view.reviews, { freshness: view.freshness });
  return { kind: 'message', message, visibility: 'ephemeral', audience: 'channel', shareable: true };
}
