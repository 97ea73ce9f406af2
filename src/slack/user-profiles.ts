import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { SlackClient } from '../slack-posting/slack-client.js';

export interface UserProfile {
  tz?: string;
  email: string | null;
}

/** users.info, cached per user: one lookup serves both the timezone and the (lazy) email. */
export type UserProfiles = (client: SlackClient, userId: string) => Promise<UserProfile | null>;

/** Builds the cached lookup; failures return null (the command still runs, in UTC, without `me`). */
export function createUserProfiles(clock: Clock, logger: Logger, ttlMs = 10 * 60_000): UserProfiles {
  const cache = new Map<string, { profile: UserProfile; until: number }>();
  return async (client, userId) => {
    const now = clock.now().getTime();
    const hit = cache.get(userId);
    if (hit && hit.until > now) return hit.profile;
    try {
      const { user } = await client.users.info({ user: userId });
      const profile: UserProfile = {
        ...(user?.tz ? { tz: user.tz } : {}),
        email: user?.profile?.email ?? null,
      };
      if (cache.size > 5_000) cache.clear(); // bound memory on huge workspaces; a miss is cheap
      cache.set(userId, { profile, until: now + ttlMs });
      return profile;
    } catch (error) {
      logger.warn('users.info failed', error, { user: userId });
      return null;
    }
  };
}
