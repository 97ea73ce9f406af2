import type { CommandRegistry, CommandReply } from '../../commands/command-types.js';
import type { ReportMessage } from '../../reports/blocks/report-message.js';
import { buildLeadershipDigest } from '../../reports/digest/leadership-digest.js';
import { buildWeeklyDigest } from '../../reports/digest/weekly-digest.js';
import { UsageError } from '../errors.js';
import type { Composition } from '../main/compose.js';

/** What `preview` can build. */
export const previewKinds = ['usage', 'top', 'reviews', 'digest', 'leadership'] as const;
export type PreviewKind = (typeof previewKinds)[number];

/** Parses the positional report name, listing the choices when it is wrong. */
export function parsePreviewKind(value: string | undefined): PreviewKind {
  const kind = previewKinds.find((k) => k === value);
  if (!kind) {
    const got = value === undefined ? 'nothing' : `'${value}'`;
    throw new UsageError(`preview expects one of ${previewKinds.join('|')}, got ${got}`);
  }
  return kind;
}

/**
 * The messages a report consists of, built exactly as Slack would get them: usage/top/reviews through
 * the command registry (as an admin, so per-user reports are complete), digests from analytics.digest
 * and the digest builders. A thread comes back as parent first, then replies.
 */
export async function previewMessages(
  c: Composition,
  registry: CommandRegistry,
  kind: PreviewKind,
  range: string | undefined,
): Promise<ReportMessage[]> {
  const now = c.clock.now();
  if (kind === 'digest' || kind === 'leadership') {
    const digest = await c.analytics.digest(now, { topN: 10 });
    const thread = kind === 'digest' ? buildWeeklyDigest(digest) : buildLeadershipDigest(digest);
    return [thread.parent, ...thread.replies];
  }
  const reply = await registry.dispatch({
    text: range ? `${kind} ${range}` : kind,
    userId: 'U0PREVIEW1',
    teamId: 'T0PREVIEW1',
    channelId: 'D0PREVIEW1',
    isAdmin: true,
    now,
    lookupEmail: async () => null,
  });
  return replyMessages(reply);
}

function replyMessages(reply: CommandReply): ReportMessage[] {
  switch (reply.kind) {
    case 'message':
      return [reply.message];
    case 'thread':
      return [reply.report.parent, ...reply.report.replies];
    case 'file':
      return [reply.comment];
  }
}
