/**
 * Argument errors as people read them in Slack: what went wrong, then the usage line of the
 * subcommand they were typing, so the fix is on screen.
 */
import { UsageError } from '../../src/errors.js';
import { escapeMrkdwn } from './echo-input.js';
import { usageOf } from './subcommand-infos.js';

/** The `Usage: …` line of a subcommand info entry, escaped for mrkdwn (`<id>` is not a Slack link). */
export function usageLine(name: string): string {
  return `Usage: \`${escapeMrkdwn(usageOf(name))}\``;
}

/**
 * A UsageError whose message ends with the usage line of `name` (a `subcommandInfos` entry), or the
 * lines of several entries (e.g. every `digest` action when the action itself is unclear).
 */
export function usageError(message: string, name: string | readonly string[], cause?: unknown): UsageError {
  const lines = (typeof name === 'string' ? [name] : name).map(usageLine).join('\n');
  return new UsageError(`${message}\n${lines}`, cause === undefined ? {} : { cause });
}
