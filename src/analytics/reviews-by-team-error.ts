import { UsageError } from '../errors.js';

/**
 * Why Code Review figures take no team (issue 12 §3): the API's review rows are per day for the whole
 * workspace, with no reviewer or author, so a team filter cannot be applied — and is refused rather
 * than silently ignored. Commands say so before asking; this guards the door itself.
 */
export const reviewsWorkspaceWideText =
  'Code Review figures are workspace-wide: the Codex Analytics API reports reviews per day for the whole workspace, with no reviewer or author, so they cannot be filtered by team.';

export function reviewsByTeamError(): UsageError {
  return new UsageError(reviewsWorkspaceWideText);
}
