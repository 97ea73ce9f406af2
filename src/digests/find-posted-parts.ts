import { z } from 'zod';
import type { Clock } from '../clock.js';
import { errorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { SlackClient } from '../slack-posting/slack-client.js';
import { slackErrorCode } from '../slack-posting/slack-error-code.js';
import type { DeliveryKey } from '../store/store-types.js';
import { retryAfterSeconds } from './channel-pacer.js';
import { digestPartOf } from './digest-metadata.js';

export interface PostedLookup {
  channelId: string;
  key: DeliveryKey;
  /** The recorded parent, if any: then only its thread is read, never the channel history. */
  parentTs: string | null;
  /** When the delivery was due: nothing of it can be older, so history is read back to here only. */
  dueAt: Date;
}

/** What a crashed attempt left in Slack. */
export interface PostedParts {
  /** Part number (0 = parent) → ts of its message. */
  parts: Map<number, string>;
  /** Files shared in the parent's thread, filename → file id (charts uploaded before their reply). */
  files: Map<string, string>;
}

export interface LookupDeps {
  slack: SlackClient;
  clock: Clock;
  logger: Logger;
}

const PAGE = 200;
/** History pages read at most (200 messages each) before giving up: bounded even in a busy channel. */
const MAX_PAGES = 25;
/** Our clock and Slack's may disagree a little; a post is never older than its due time minus this. */
const CLOCK_SKEW_MS = 60 * 60_000;
const RATE_LIMIT_RETRIES = 3;

const fileShare = z.object({ files: z.array(z.object({ id: z.string(), name: z.string() })) });

/**
 * Parts of a delivery already in Slack, found by their metadata (digest-metadata.ts), and the chart
 * files in its thread (found by name: a file share carries no metadata). Asked only by a resumed
 * delivery (a first attempt has posted nothing) and after a post lost its answer (post-or-find.ts),
 * so it costs one or two paginated reads per crash or lost answer, never one per digest.
 *
 * Never throws. If Slack cannot be read (no `channels:history`/`groups:history` scope, `not_in_channel`
 * in a public channel the bot posts to via `chat:write.public`, a DM), it logs a warning and returns
 * what it found so far: the caller then posts what is not recorded, as before this lookup existed.
 * That can duplicate a part in the crash window, but it never leaves a digest undelivered, and the
 * warning says why — the choice between a rare visible duplicate and a silently lost digest.
 */
export async function findPostedParts(deps: LookupDeps, lookup: PostedLookup): Promise<PostedParts> {
  const found = new Map<number, string>();
  const files = new Map<string, string>();
  const keep = (message: unknown) => {
    const hit = digestPartOf(message, lookup.key);
    if (!hit) return;
    // Two posts of one part (left by an older version): the first is the one people saw first.
    const seen = found.get(hit.part);
    if (seen === undefined || earlier(hit.ts, seen)) found.set(hit.part, hit.ts);
  };
  let method = 'conversations.history';
  try {
    let parentTs = lookup.parentTs;
    if (!parentTs) {
      const oldest = ((lookup.dueAt.getTime() - CLOCK_SKEW_MS) / 1000).toFixed(6);
      await eachPage(
        deps,
        lookup,
        (cursor) =>
          deps.slack.conversations.history({
            channel: lookup.channelId,
            oldest,
            inclusive: true,
            include_all_metadata: true,
            limit: PAGE,
            ...(cursor ? { cursor } : {}),
          }),
        keep,
      );
      // History lists top-level messages only: a reply found here would not be under our parent.
      for (const part of found.keys()) if (part > 0) found.delete(part);
      parentTs = found.get(0) ?? null;
    }
    if (!parentTs) return { parts: found, files };
    method = 'conversations.replies';
    const thread = parentTs;
    await eachPage(
      deps,
      lookup,
      (cursor) =>
        deps.slack.conversations.replies({
          channel: lookup.channelId,
          ts: thread,
          include_all_metadata: true,
          limit: PAGE,
          ...(cursor ? { cursor } : {}),
        }),
      (message) => {
        if (digestPartOf(message, lookup.key)?.part !== 0) keep(message);
        const share = fileShare.safeParse(message);
        if (share.success) for (const f of share.data.files) if (!files.has(f.name)) files.set(f.name, f.id);
      },
    );
  } catch (error) {
    deps.logger.warn('digest resume could not read what is already posted; posting the unrecorded parts', {
      subscription: lookup.key.subscriptionId,
      period: lookup.key.periodStart,
      channel: lookup.channelId,
      method,
      code: slackErrorCode(error) ?? errorCode(error),
    });
  }
  return { parts: found, files };
}

interface Page {
  messages?: unknown[];
  response_metadata?: { next_cursor?: string };
}

async function eachPage(
  deps: LookupDeps,
  lookup: PostedLookup,
  read: (cursor: string | undefined) => Promise<Page>,
  onMessage: (message: unknown) => void,
): Promise<void> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await withRateLimitRetries(deps.clock, () => read(cursor));
    for (const message of answer.messages ?? []) onMessage(message);
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) return;
  }
  deps.logger.warn('digest resume stopped reading after the page limit', {
    subscription: lookup.key.subscriptionId,
    channel: lookup.channelId,
    pages: MAX_PAGES,
  });
}

/** The digest client rejects 429s (digest-slack-client.ts): honour Retry-After on the injected clock. */
async function withRateLimitRetries<T>(clock: Clock, read: () => Promise<T>): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await read();
    } catch (error) {
      const seconds = retryAfterSeconds(error);
      if (seconds === undefined || retry >= RATE_LIMIT_RETRIES) throw error;
      await clock.sleep(seconds * 1000);
    }
  }
}

/** Slack ts order without float rounding ('1732440000.000100' has more digits than a double keeps). */
function earlier(a: string, b: string): boolean {
  const [as = '', af = ''] = a.split('.');
  const [bs = '', bf = ''] = b.split('.');
  const width = Math.max(as.length, bs.length);
  return (
    `${as.padStart(width, '0')}.${af.padEnd(6, '0')}` < `${bs.padStart(width, '0')}.${bf.padEnd(6, '0')}`
  );
}
