/**
 * `/codex alert <action> …` (issue 13). `add` and `preview` take a rule's words (parse-alert-rule.ts),
 * so a previewed rule can be pasted into `alert add` unchanged; `list` takes nothing, `remove` an id.
 */
import { closestMatch } from './closest-match.js';
import { quoteInput } from './echo-input.js';
import { parseAlertRule } from './parse-alert-rule.js';
import type { AlertRequest } from './parsed-command.js';
import { readToken, subscriptionIdSchema } from './token-schemas.js';
import { usageError } from './usage-error.js';

const alertActions = ['add', 'list', 'remove', 'preview'] as const;
const alertEntries = alertActions.map((a) => `alert ${a}`);

export function parseAlert(words: readonly string[]): AlertRequest {
  const [first, ...rest] = words;
  if (first === undefined) {
    throw usageError(`Which alert action? ${alertActions.map((a) => `\`${a}\``).join(', ')}.`, alertEntries);
  }
  const action = alertActions.find((a) => a === first.toLowerCase());
  if (action === undefined) {
    const guess = closestMatch(first, alertActions);
    const hint = guess ? ` Did you mean \`alert ${guess}\`?` : '';
    throw usageError(`I don't know the alert action ${quoteInput(first)}.${hint}`, alertEntries);
  }
  const entry = `alert ${action}`;
  switch (action) {
    case 'add': {
      const { spec, destination } = parseAlertRule(rest, entry);
      return { name: 'alert', action, spec, destination };
    }
    case 'preview':
      // A preview posts nothing, so a destination typed for `add` is accepted and has no effect.
      return { name: 'alert', action, spec: parseAlertRule(rest, entry).spec };
    case 'list':
      if (rest[0] !== undefined) throw usageError('`/codex alert list` takes nothing after it.', entry);
      return { name: 'alert', action };
    case 'remove': {
      const [token, extra] = rest;
      const id = token === undefined ? null : readToken(subscriptionIdSchema, token);
      if (id === null || extra !== undefined) {
        throw usageError('Which alert? `/codex alert list` shows the ids.', entry);
      }
      return { name: 'alert', action, id };
    }
  }
}
