/**
 * Escaping for text we did not write (user labels, model names). Slack parses `<…>` as mentions and links
 * (`<!channel>` would ping everyone) and `&` starts an entity, so those three are always escaped
 * (https://docs.slack.dev/messaging/formatting-message-text#escaping). Slack has no escape for `*`, `_`, `~`
 * and `` ` ``: labels replace them with look-alikes so a name can never bold or strike a report.
 */
import { truncate } from '../limits/slack-limit-values.js';

/** Escapes `&`, `<` and `>` for any mrkdwn text we did not write. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Labels longer than this are cut: a ranking row must stay one line. */
export const maxLabelLength = 40;

const lookAlikes: Record<string, string> = { '*': '∗', '~': '∼', '`': 'ˋ', _: '＿' };

/**
 * A user label (email local part or pseudonym) safe to put in mrkdwn: cut to 40 characters, `&<>`
 * escaped, formatting characters neutralised. Underscores between letters or digits are kept as they
 * are, since Slack never formats inside a word (`jane_doe` stays readable and copyable).
 */
export function formatLabel(label: string): string {
  const cut = truncate(label.trim() || '(no label)', maxLabelLength);
  const neutral = cut.replace(/[*~`_]/g, (char, offset: number) => {
    const before = cut[offset - 1] ?? '';
    const after = cut[offset + 1] ?? '';
    if (char === '_' && /[\p{L}\p{N}]/u.test(before) && /[\p{L}\p{N}]/u.test(after)) return char;
    return lookAlikes[char] ?? char;
  });
  return escapeMrkdwn(neutral);
}
