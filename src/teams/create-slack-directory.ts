import { z } from 'zod';
import type { Clock } from '../clock.js';
import { createRequestPacer } from '../codex/request-pacer.js';
import type { Logger } from '../logger.js';
import type { SlackDirectory, SlackPerson, SlackUsergroup } from './slack-directory.js';

/**
 * The one Web API call the directory makes. A `webApi.WebClient` built with `rejectRateLimitedCalls:
 * true` fits: its 429s then come back here (with `retryAfter`) and wait on the injected clock, instead
 * of the client's own timer.
 */
export interface SlackApiCaller {
  apiCall(method: string, options?: Record<string, unknown>): Promise<unknown>;
}

export interface SlackDirectoryOptions {
  api: SlackApiCaller;
  clock: Clock;
  logger: Logger;
  /**
   * Requests per minute per method, by Slack's tier: users.list and usergroups.* are Tier 2 (20+),
   * conversations.info Tier 3 (50+), conversations.members Tier 4 (100+).
   */
  tierPerMinute: { tier2: number; tier3: number; tier4: number };
  /** 429s in a row on one call before giving up (each honours its Retry-After). */
  maxRateLimitWaits: number;
}

/** Slack's documented tiers and a guard of ten waits: the refresh is daily, it can afford patience. */
export const slackTierDefaults = {
  tierPerMinute: { tier2: 20, tier3: 50, tier4: 100 },
  maxRateLimitWaits: 10,
};

/** Slack recommends no more than 200 per page for cursor-paginated methods. */
const PAGE_SIZE = 200;

const rateLimited = z.object({ code: z.literal('slack_webapi_rate_limited_error'), retryAfter: z.number() });
const page = z.object({ response_metadata: z.object({ next_cursor: z.string().optional() }).optional() });
const usersPage = page.extend({
  members: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      deleted: z.boolean().optional(),
      is_bot: z.boolean().optional(),
      profile: z.object({ email: z.string().optional() }).optional(),
    }),
  ),
});
const usergroupsAnswer = z.object({
  usergroups: z.array(
    z.object({ id: z.string(), handle: z.string(), name: z.string(), users: z.array(z.string()).optional() }),
  ),
});
const membersAnswer = z.object({ users: z.array(z.string()) });
const channelMembersPage = page.extend({ members: z.array(z.string()) });
const channelInfo = z.object({ channel: z.object({ name: z.string() }) });

/** The SlackDirectory over the Web API, every method paced within its tier. */
export function createSlackDirectory(options: SlackDirectoryOptions): SlackDirectory {
  const { tier2, tier3, tier4 } = options.tierPerMinute;
  const pacers = {
    2: createRequestPacer(tier2, options.clock),
    3: createRequestPacer(tier3, options.clock),
    4: createRequestPacer(tier4, options.clock),
  };
  const tierOf: Record<string, 2 | 3 | 4> = {
    'users.list': 2,
    'usergroups.list': 2,
    'usergroups.users.list': 2,
    'conversations.info': 3,
    'conversations.members': 4,
  };
  let requests = 0;

  async function call(
    method: string,
    params: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<unknown> {
    for (let waits = 0; ; waits += 1) {
      if (signal?.aborted) throw signal.reason;
      await pacers[tierOf[method] ?? 2].acquire(method, signal);
      requests += 1;
      try {
        return await options.api.apiCall(method, params);
      } catch (error) {
        const limited = rateLimited.safeParse(error);
        if (!limited.success || waits >= options.maxRateLimitWaits) throw error;
        options.logger.warn('teams: Slack rate limited a directory call', {
          method,
          retryAfterSeconds: limited.data.retryAfter,
        });
        await options.clock.sleep(limited.data.retryAfter * 1000, signal);
      }
    }
  }

  async function allPages<T>(
    method: string,
    params: Record<string, unknown>,
    parse: (answer: unknown) => { items: T[]; next: string },
    signal?: AbortSignal,
  ): Promise<T[]> {
    const items: T[] = [];
    let cursor = '';
    do {
      const answer = parse(
        await call(method, { ...params, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }, signal),
      );
      items.push(...answer.items);
      cursor = answer.next;
    } while (cursor !== '');
    return items;
  }

  return {
    users: (signal) =>
      allPages<SlackPerson>(
        'users.list',
        {},
        (answer) => {
          const parsed = usersPage.parse(answer);
          return {
            items: parsed.members.map((m) => ({
              id: m.id,
              name: m.name,
              email: m.profile?.email ?? null,
              deleted: m.deleted ?? false,
              bot: m.is_bot ?? false,
            })),
            next: parsed.response_metadata?.next_cursor ?? '',
          };
        },
        signal,
      ),
    async usergroups(signal): Promise<SlackUsergroup[]> {
      // include_users: one Tier 2 request for every group, instead of one usergroups.users.list each
      // (500 groups at 20 a minute would take 25 minutes).
      const answer = usergroupsAnswer.parse(await call('usergroups.list', { include_users: true }, signal));
      return answer.usergroups.map(({ users, ...group }) => ({ ...group, members: users ?? [] }));
    },
    async usergroupMembers(usergroupId, signal) {
      return membersAnswer.parse(await call('usergroups.users.list', { usergroup: usergroupId }, signal))
        .users;
    },
    channelMembers: (channelId, signal) =>
      allPages<string>(
        'conversations.members',
        { channel: channelId },
        (answer) => {
          const parsed = channelMembersPage.parse(answer);
          return { items: parsed.members, next: parsed.response_metadata?.next_cursor ?? '' };
        },
        signal,
      ),
    async channelName(channelId, signal) {
      return channelInfo.parse(await call('conversations.info', { channel: channelId }, signal)).channel.name;
    },
    requests: () => requests,
  };
}
