/**
 * The Slack error string (`not_in_channel`, `invalid_blocks`, …) inside a WebClient error, read by
 * shape so we do not depend on @slack/web-api's error classes directly. Undefined for other errors.
 */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const data = (error as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return undefined;
  const code = (data as { error?: unknown }).error;
  return typeof code === 'string' ? code : undefined;
}

/** Errors that mean "the bot cannot post here" — answered with the invite hint, not a failure. */
export function isMembershipError(error: unknown): boolean {
  const code = slackErrorCode(error);
  return code === 'not_in_channel' || code === 'channel_not_found';
}

export const INVITE_HINT =
  ":wave: I can't post in this conversation yet. Invite me with `/invite @Codex Pulse` and try again — or keep the answer to yourself (it stays visible only to you).";
