import { randomUUID } from 'node:crypto';
import type { CommandInvocation, CommandReply } from '../../commands/command-types.js';
import { isAbortError } from '../abort-error.js';
import { isCodexPulseError } from '../errors.js';
import { commandLabel } from '../metrics/command-label.js';
import type { SlackClient } from '../slack-posting/slack-client.js';
import { startAnswerDeadline } from './answer-deadline.js';
import type { EdgeDeps } from './edge-deps.js';
import { errorReply } from './error-reply.js';

export interface CommandInput {
  text: string;
  /** The text's first word (commandWord), split once by the caller. */
  word: string;
  userId: string;
  teamId: string;
  channelId: string;
  /** For the log line: 'slash' or 'mention'. */
  via: 'slash' | 'mention';
}

export type CommandOutcome = { ok: true; reply: CommandReply } | { ok: false; code: string; text: string };

/**
 * Runs one command through the registry: resolves who is asking (admin? timezone?), dispatches, and
 * turns any error into the friendly text plus one log line (code, command, user, team, durationMs).
 * Never throws. The answer has a deadline (SLACK_ANSWER_DEADLINE_SECONDS): past it the person is told
 * what is wrong instead of waiting on retries. Identical questions of pure commands share one
 * computation (shared-answers.ts).
 */
export async function runCommand(
  client: SlackClient,
  deps: EdgeDeps,
  input: CommandInput,
): Promise<CommandOutcome> {
  const started = deps.clock.now().getTime();
  const command = input.word;
  const label = commandLabel(deps.registry.subcommands, command);
  const fields = () => ({
    command,
    via: input.via,
    user: input.userId,
    team: input.teamId,
    durationMs: deps.clock.now().getTime() - started,
  });
  const deadline = startAnswerDeadline(deps.clock, deps.answerDeadlineMs);
  try {
    const reply = await deadline.race(answer(client, deps, input, command, deadline.signal));
    deps.logger.info('command answered', { ...fields(), reply: reply.kind });
    recordCommand(deps, label, 'ok', started);
    return { ok: true, reply };
  } catch (thrown) {
    // Past the deadline, whatever the work threw (an AbortError from analytics) is the deadline's doing.
    const expired = deadline.signal.aborted && (thrown === deadline.signal.reason || isAbortError(thrown));
    const error: unknown = expired ? deadline.signal.reason : thrown;
    const ref = randomUUID().slice(0, 8);
    const reply = errorReply(error, ref);
    // Ours are expected failures (a warning); anything else is a bug.
    const log = isCodexPulseError(error) ? deps.logger.warn : deps.logger.error;
    log('command failed', error, { ...fields(), code: reply.code, ref });
    recordCommand(deps, label, reply.code, started);
    return { ok: false, code: reply.code, text: reply.text };
  } finally {
    deadline.cancel();
  }
}

async function answer(
  client: SlackClient,
  deps: EdgeDeps,
  input: CommandInput,
  command: string,
  signal: AbortSignal,
): Promise<CommandReply> {
  const [isAdmin, profile] = await Promise.all([
    deps.isAdmin(client, input.userId),
    deps.profiles(client, input.userId),
  ]);
  const invocation = (computeSignal: AbortSignal): CommandInvocation => ({
    text: input.text,
    userId: input.userId,
    teamId: input.teamId,
    channelId: input.channelId,
    isAdmin,
    now: deps.clock.now(),
    ...(profile?.tz ? { userTimezone: profile.tz } : {}),
    lookupEmail: async () => (await deps.profiles(client, input.userId))?.email ?? null,
    signal: computeSignal,
  });
  // Only answers that depend on nothing but these parts may be shared (no user, channel or side effect).
  const entries = deps.registry.subcommands.filter((s) => s.name.split(/\s+/)[0] === command.toLowerCase());
  if (entries.length === 0 || !entries.every((s) => s.pure))
    return deps.registry.dispatch(invocation(signal));
  const key = [input.teamId, isAdmin, profile?.tz ?? '', input.text.trim().replace(/\s+/g, ' ')].join('\n');
  return deps.sharedAnswers.run(key, (shared) => deps.registry.dispatch(invocation(shared)), signal);
}

/** commands_total and the answer histogram: the registry's command name (or 'unknown'), on the injected clock. */
function recordCommand(deps: EdgeDeps, label: string, outcome: string, startedMs: number): void {
  const seconds = (deps.clock.now().getTime() - startedMs) / 1000;
  deps.metrics.commandFinished(label, outcome, seconds);
}
