import type { DigestRequest } from './args/parsed-command.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { runList } from './digest-list.js';
import { digestNotConfiguredText } from './digest-notes.js';
import { runPreview } from './digest-preview.js';
import { runResume } from './digest-resume.js';
import { runSendNow } from './digest-send-now.js';
import { runSubscribe } from './digest-subscribe.js';
import { runUnsubscribe } from './digest-unsubscribe.js';
import { noteReply } from './note-message.js';

export { digestNotConfiguredText } from './digest-notes.js';

/**
 * `/codex digest …`: digest subscriptions (weekly, monthly or quarterly). Admins subscribe, unsubscribe, resume and send now;
 * everyone lists and previews. `preview` without an id needs only the analytics; every other action needs the
 * subscription store and the digest service (`deps.digests`) and says so plainly when they are absent.
 */
export async function runDigest(
  parsed: DigestRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  if (parsed.action === 'preview') return runPreview(parsed, invocation, deps);
  const digests = deps.digests;
  if (digests === undefined) return noteReply(digestNotConfiguredText);
  switch (parsed.action) {
    case 'subscribe':
      return runSubscribe(parsed, invocation, digests, deps);
    case 'list':
      return runList(invocation, digests);
    case 'unsubscribe':
      return runUnsubscribe(parsed, invocation, digests);
    case 'send-now':
      return runSendNow(parsed, invocation, digests);
    case 'resume':
      return runResume(parsed, invocation, digests);
  }
}
