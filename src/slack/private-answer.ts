import type { KnownBlock } from '@slack/types';
import type { CommandReply } from '../../commands/command-types.js';
import type { ReportMessage, ThreadedReport } from '../../reports/blocks/report-message.js';
import type { Clock } from '../clock.js';
import type { ShareButton } from '../slack-posting/compose-message.js';
import type { ShareStore } from '../store/store-types.js';

/** How long a shareable answer can be shared: as long as its response_url lives (30 min). */
const SHARE_TTL_MS = 30 * 60_000;

/** Who an answer was built for: the only person who may share it. */
export interface AnswerOwner {
  userId: string;
  teamId: string;
}

/**
 * An answer only the asker sees: one message (a thread folds into one, since ephemeral messages have no
 * threads), plus a stored share — bound to the asker, marked per-user when it names people — when the
 * reply may be shared to the channel.
 */
export async function privateAnswer(
  reply: Extract<CommandReply, { kind: 'message' | 'thread' }>,
  deps: { shares: ShareStore; clock: Clock },
  owner: AnswerOwner,
): Promise<{ message: ReportMessage; share?: ShareButton }> {
  const message = reply.kind === 'message' ? reply.message : combineThread(reply.report);
  if (!reply.shareable) return { message };
  const namedPeople = reply.namedPeople ?? 0;
  const saved = await deps.shares.save(
    {
      teamId: owner.teamId,
      userId: owner.userId,
      perUser: reply.namedPeople !== undefined,
      namedPeople,
      payload:
        reply.kind === 'message'
          ? { kind: 'message', message: reply.message }
          : { kind: 'thread', report: reply.report },
    },
    deps.clock.now(),
    SHARE_TTL_MS,
  );
  return { message, share: { id: saved.id, namedPeople } };
}

/**
 * An ephemeral reply cannot have a thread: the parent and its replies become one message (fitted to
 * Slack's limits when it is composed, like any other).
 */
function combineThread(report: ThreadedReport): ReportMessage {
  const all = [
    ...report.parent.blocks,
    ...report.replies.flatMap((r): KnownBlock[] => [{ type: 'divider' }, ...r.blocks]),
  ];
  // Each reply has its own footer (same block_id): Slack rejects duplicate block_ids in one message.
  const seen = new Set<string>();
  const blocks = all.map((block) => {
    if (block.block_id === undefined) return block;
    if (!seen.has(block.block_id)) {
      seen.add(block.block_id);
      return block;
    }
    const { block_id: _dropped, ...rest } = block;
    return rest as KnownBlock;
  });
  return {
    text: report.parent.text,
    blocks,
    charts: [...report.parent.charts, ...report.replies.flatMap((r) => r.charts)],
  };
}
