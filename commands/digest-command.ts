import { buildLeadershipDigest } from '../reports/leadership-digest.js';
import { buildWeeklyDigest } from '../reports/weekly-digest.js';
import type { DigestRequest } from './args/parsed-command.js';
import { callOptions } from './call-options.js';
import { type CommandDeps, DEFAULT_TOP_N } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { noteReply } from './note-message.js';

/** The honest answer for digest actions that need the subscription store (a later issue). */
export const digestComingSoonText =
  'Scheduled digests are coming soon: `/codex digest preview` works now. ' +
  'Subscribing, listing, unsubscribing, sending now and previewing a subscription by id need the ' +
  'subscription store, which is a separate issue that is not built yet.';

/**
 * `/codex digest …`. Only `digest preview` (no id) works today: the weekly digest for the last closed
 * Monday–Sunday week, built now and shown to the asker. Admins get the standard digest (it names the
 * top users); everyone else gets the leadership digest, which is aggregate-only.
 */
export async function runDigest(
  parsed: DigestRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  if (parsed.action !== 'preview' || parsed.id !== null) return noteReply(digestComingSoonText);
  const topN = deps.defaultTopN ?? DEFAULT_TOP_N;
  const figures = await deps.analytics.digest(invocation.now, { ...callOptions(invocation), topN });
  const report = invocation.isAdmin
    ? buildWeeklyDigest(figures, { topN, title: 'Codex weekly digest (preview)' })
    : buildLeadershipDigest(figures, { title: 'Codex leadership digest (preview)' });
  return { kind: 'thread', report, visibility: 'ephemeral', shareable: true };
}
