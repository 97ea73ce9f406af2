/**
 * Echoing what a person typed back into a Slack message. Slack reads `<…>` as mentions and links
 * (`<!channel>` pings everyone), so echoed input is cut short and escaped before it goes into mrkdwn.
 */

/** The longest piece of user input an error message repeats (the issue asks for about 60 chars). */
const MAX_ECHO_CHARS = 60;

import { escapeMrkdwn } from '../../reports/blocks/escape-mrkdwn.js';

export { escapeMrkdwn };

// Control and bidi-override characters could break the message layout or disguise the echo.
const invisible = /[\p{Cc}\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

/**
 * User input as an inline code span: at most {@link MAX_ECHO_CHARS} code points (never splitting an
 * emoji), invisible characters shown as `�`, backticks swapped so the span cannot be closed early,
 * then escaped for mrkdwn.
 */
export function quoteInput(raw: string): string {
  const points = Array.from(raw.replace(invisible, '\ufffd').replaceAll('`', "'"));
  const shown =
    points.length > MAX_ECHO_CHARS ? `${points.slice(0, MAX_ECHO_CHARS - 1).join('')}…` : points.join('');
  return `\`${escapeMrkdwn(shown)}\``;
}
