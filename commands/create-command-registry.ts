import { runAlert } from './alert-command.js';
import { parseCommandText } from './args/parse-command.js';
import type { ParsedCommand } from './args/parsed-command.js';
import { subcommandInfos } from './args/subcommand-infos.js';
import { runBudget } from './budget-command.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandInvocation, CommandRegistry, CommandReply } from './command-types.js';
import { runDigest } from './digest-command.js';
import { runExport } from './export-command.js';
import { runHelp } from './help-command.js';
import { runInactive } from './inactive-command.js';
import { runMe } from './me-command.js';
import { runMeSubscription } from './me-subscription-command.js';
import { runNudge } from './nudge-command.js';
import { runReviews } from './reviews-command.js';
import { runTeams } from './teams-command.js';
import { runTeamsUnmatched } from './teams-unmatched-command.js';
import { runTop } from './top-command.js';
import { runUsage } from './usage-command.js';

export type { CommandDeps } from './command-deps.js';

/**
 * The `/codex` command layer the Slack edge (and later the scheduler) calls. `dispatch` parses the
 * text — a UsageError with friendly text and the usage line when it cannot — and routes to one
 * subcommand. Errors are never caught here: the edge maps each error code to a friendly reply and a
 * log line, so swallowing one would hide it from both.
 */
export function createCommandRegistry(deps: CommandDeps): CommandRegistry {
  return {
    subcommands: subcommandInfos,
    dispatch: async (invocation) => {
      const parsed = parseCommandText(invocation.text, invocation.now, {
        ...(invocation.userTimezone === undefined ? {} : { defaultTimeZone: invocation.userTimezone }),
      });
      deps.logger.debug('command parsed', { command: parsed.name, user: invocation.userId });
      return route(parsed, invocation, deps);
    },
  };
}

function route(
  parsed: ParsedCommand,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  switch (parsed.name) {
    case 'usage':
      return runUsage(parsed, invocation, deps);
    case 'top':
      return runTop(parsed, invocation, deps);
    case 'reviews':
      return runReviews(parsed, invocation, deps);
    case 'me':
      return 'action' in parsed
        ? runMeSubscription(parsed, invocation, deps)
        : runMe(parsed, invocation, deps);
    case 'export':
      return runExport(parsed, invocation, deps);
    case 'teams':
      return runTeams(parsed, invocation, deps);
    case 'teams unmatched':
      return runTeamsUnmatched(invocation, deps);
    case 'inactive':
      return runInactive(parsed, invocation, deps);
    case 'nudge':
      return runNudge(parsed, invocation, deps);
    case 'digest':
      return runDigest(parsed, invocation, deps);
    case 'alert':
      return runAlert(parsed, invocation, deps);
    case 'budget':
      return runBudget(parsed, invocation, deps);
    case 'help':
      return runHelp(parsed, invocation);
  }
}
