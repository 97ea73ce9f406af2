import { escapeMrkdwn } from '../reports/blocks/escape-mrkdwn.js';
import { buildPersonalReport } from '../reports/personal/personal-report.js';
import type { MeRequest } from './args/parsed-command.js';
import { callOptions } from './call-options.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { answerWithinHistory } from './history-window.js';

import { noteReply } from './note-message.js';

/** Shown when Slack returns no email for the caller (missing scope, or a bot/guest without one). */
export const noEmailText =
  "Slack didn't give me your email address, so I can't match you to a Codex user. Ask an admin to check the app has the users:read.email scope.";

/** Shown when no Codex user matches the caller's email (`me`, and `me subscribe`, which refuses then). */
export function noCodexMatchText(email: string, windowLabel: string): string {
  return (
    `No Codex usage found for ${escapeMrkdwn(email)} ${escapeMrkdwn(during(windowLabel))}. ` +
    'Codex Pulse matches your Slack email to the Codex account email; if they differ, ask your Codex admin ' +
    'which address your Codex account uses — only usage under your Slack address can be shown here.'
  );
}

/**
 * A window's label as the end of a sentence: "in the last 7 days (…)", "in the week of Mon 30 Nov",
 * "in November 2026", "yesterday (…)" — never "in last 7 days" or "in yesterday".
 */
function during(label: string): string {
  if (/^(last |week of )/.test(label)) return `in the ${label}`;
  if (/^(yesterday|this )/.test(label)) return label;
  return `in ${label}`;
}

/**
 * `/codex me [range]`: the caller's own numbers, matched by their Slack email. Only ever the caller's
 * data — admins included — so the reply is ephemeral and never shareable.
 */
export async function runMe(
  parsed: MeRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  const email = (await invocation.lookupEmail())?.trim() ?? '';
  if (email === '') return noteReply(noEmailText);
  return answerWithinHistory(
    parsed.window,
    deps.analytics,
    { ...callOptions(invocation), title: 'Your Codex usage' },
    (window) => answerMe({ ...parsed, window }, email, invocation, deps),
  );
}

async function answerMe(
  parsed: MeRequest,
  email: string,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  const view = await deps.analytics.personal(parsed.window, email, callOptions(invocation));
  if (view === null) {
    // No log line with the email: logs must not collect people's addresses.
    deps.logger.debug('me: no Codex user matched the caller', { user: invocation.userId });
    return noteReply(noCodexMatchText(email, parsed.window.label));
  }
  return {
    kind: 'message',
    message: buildPersonalReport(view),
    visibility: 'ephemeral',
    audience: 'requester',
    shareable: false,
  };
}
