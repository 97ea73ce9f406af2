/**
 * Slack's error strings, not ours (ours are in src/errors.ts): the Web API's `error` field of a failed
 * call, e.g. `not_in_channel`. Those we act on are listed here, so every comparison is type-checked.
 */
const slackErrorCodes = [
  /** The blocks were refused, e.g. an `image` block Slack could not fetch: we send without images. */
  'invalid_blocks',
  /** The bot cannot post in the conversation: an invite hint, or a paused digest subscription. */
  'not_in_channel',
  'channel_not_found',
  'is_archived',
] as const;
export type SlackErrorCode = (typeof slackErrorCodes)[number];

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

/** True when `error` is a Slack Web API error carrying one of `codes`. */
export function isSlackError(error: unknown, ...codes: readonly SlackErrorCode[]): boolean {
  const code = slackErrorCode(error);
  return code !== undefined && (codes as readonly string[]).includes(code);
}

/** Errors that mean "the bot cannot post here" — answered with the invite hint, not a failure. */
export function isMembershipError(error: unknown): boolean {
  return isSlackError(error, 'not_in_channel', 'channel_not_found');
}
