import type { HelpRequest } from './args/parsed-command.js';
import { subcommandInfos } from './args/subcommand-infos.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { buildHelpMessage } from './help-message.js';

/** `/codex help [topic]` and `/codex` alone: always ephemeral — nobody needs help posted in a channel. */
export async function runHelp(parsed: HelpRequest, invocation: CommandInvocation): Promise<CommandReply> {
  const message = buildHelpMessage(subcommandInfos, {
    ...(parsed.topic === undefined ? {} : { topic: parsed.topic }),
    isAdmin: invocation.isAdmin,
  });
  return { kind: 'message', message, visibility: 'ephemeral', audience: 'requester', shareable: false };
}
