/**
 * Posting one claimed firing so that a crash anywhere leaves it posted once (issue 13 §5): the post
 * carries the firing's key in message metadata, and a claim taken over from a replica that died holding
 * it (attempts > 1) first reads the destination's history for that metadata — a message Slack accepted
 * before the crash is recorded, not posted again. A first claim has posted nothing, so it reads nothing.
 */
import type { KnownBlock } from '@slack/types';
import { errorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { SlackClient } from '../slack-posting/slack-client.js';
import { slackErrorCode } from '../slack-posting/slack-error-code.js';
import { alertMetadata, alertPostOf, type FiringKey } from './alert-metadata.js';

const PAGE = 200;
/** History pages read at most: bounded even in a busy channel. */
const MAX_PAGES = 10;
/** Slack's clock and ours may disagree a little: a post is never older than its oldest bound minus this. */
const CLOCK_SKEW_SECONDS = 3600;

export interface PostFiringDeps {
  slack: SlackClient;
  logger: Logger;
}

export interface FiringPost {
  key: FiringKey;
  /** The claim's attempts: past 1, the firing may already be in Slack. */
  attempts: number;
  channel: string;
  message: { text: string; blocks: KnownBlock[] };
  /** Unix seconds no post of this firing can precede (its period's start). */
  oldest: number;
}

/** The posted (or found) message's ts, and whether it was found rather than posted. */
export async function postFiringOnce(
  deps: PostFiringDeps,
  post: FiringPost,
): Promise<{ ts: string | undefined; found: boolean }> {
  if (post.attempts > 1) {
    const ts = await findPostedFiring(deps, post);
    if (ts !== undefined) {
      deps.logger.info('alert found already posted; recorded, not reposted', {
        rule: post.key.ruleId,
        periodStart: post.key.periodStart,
        ts,
      });
      return { ts, found: true };
    }
  }
  const posted = await deps.slack.chat.postMessage({
    channel: post.channel,
    text: post.message.text,
    blocks: post.message.blocks,
    metadata: alertMetadata(post.key),
    unfurl_links: false,
  });
  return { ts: posted.ts, found: false };
}

/**
 * The firing's message in its channel, by metadata. Never throws: when Slack cannot be read (no
 * history scope, a DM without im:history) it logs why and answers nothing, and the firing is posted —
 * a rare visible duplicate rather than a silently lost alert, the digests' choice too.
 */
async function findPostedFiring(deps: PostFiringDeps, post: FiringPost): Promise<string | undefined> {
  try {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const answer = await deps.slack.conversations.history({
        channel: post.channel,
        oldest: String(post.oldest - CLOCK_SKEW_SECONDS),
        inclusive: true,
        include_all_metadata: true,
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      });
      for (const message of answer.messages ?? []) {
        const ts = alertPostOf(message, post.key);
        if (ts !== undefined) return ts;
      }
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!cursor) return undefined;
    }
  } catch (error) {
    deps.logger.warn('alert resume could not read the channel; posting the firing', {
      rule: post.key.ruleId,
      periodStart: post.key.periodStart,
      code: slackErrorCode(error) ?? errorCode(error),
    });
  }
  return undefined;
}
