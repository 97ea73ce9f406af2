/**
 * `/codex alert <action> …` (issue 13). `preview` judges a rule over the warehouse's history without
 * saving it; its words are the rule's (parse-alert-rule.ts), so a previewed rule can be pasted into
 * `alert add` unchanged.
 */
import { closestMatch } from './closest-match.js';
import { quoteInput } from './echo-input.js';
import { parseAlertRule } from './parse-alert-rule.js';
import type { AlertRequest } from './parsed-command.js';
import { usageError } from './usage-error.js';

const alertActions = ['preview'] as const;
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
  // A preview posts nothing, so a destination typed for `add` is accepted and has no effect.
  const { spec } = parseAlertRule(rest, `alert ${action}`);
  return { name: 'alert', action, spec };
}
