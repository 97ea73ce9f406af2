import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { SlackClient } from '../slack-posting/slack-client.js';

export interface AdminCheckOptions {
  adminUserIds: readonly string[];
  adminUsergroupId?: string | undefined;
  clock: Clock;
  logger: Logger;
  /** How long a usergroup membership list is reused (default 60 s): admins change rarely. */
  ttlMs?: number;
}

/** Answers "may this user see per-user data?" — true for listed ids or members of the admin usergroup. */
export type AdminCheck = (client: SlackClient, userId: string) => Promise<boolean>;

/**
 * Builds the admin check. A failed usergroup lookup counts as "not admin" (fail closed) and is logged;
 * the listed user ids still work.
 */
export function createAdminCheck(options: AdminCheckOptions): AdminCheck {
  const ttlMs = options.ttlMs ?? 60_000;
  let cached: { members: Set<string>; until: number } | undefined;

  return async (client, userId) => {
    if (options.adminUserIds.includes(userId)) return true;
    const usergroup = options.adminUsergroupId;
    if (!usergroup) return false;
    const now = options.clock.now().getTime();
    if (!cached || cached.until <= now) {
      try {
        const result = await client.usergroups.users.list({ usergroup });
        cached = { members: new Set(result.users ?? []), until: now + ttlMs };
      } catch (error) {
        options.logger.warn('admin usergroup lookup failed; treating user as non-admin', error, {
          usergroup,
        });
        return false;
      }
    }
    return cached.members.has(userId);
  };
}
