import { randomUUID } from 'node:crypto';
import type { CommandReply } from '../../commands/command-types.js';
import type { EdgeDeps } from './edge-deps.js';
import { errorReply } from './error-reply.js';
import type { SlackClient } from './slack-client.js';

export interface CommandInput {
  text: string;
  userId: string;
  teamId: string;
  channelId: string;
  /** For the log line: 'slash' or 'mention'. */
  via: 'slash' | 'mention';
}

export type CommandOutcome =
  | { ok: true; reply: CommandReply; perUser: boolean }
  | { ok: false; code: string; text: string };

/**
 * Runs one command through the registry: resolves who is asking (admin? timezone?), dispatches, and
 * turns any error into the friendly text plus one log line (code, command, user, team, durationMs).
 * Never throws.
 */
export async function runCommand(
  client: SlackClient,
  deps: EdgeDeps,
  input: CommandInput,
): Promise<CommandOutcome> {
  const started = deps.clock.now().getTime();
  const command = input.text.trim().split(/\s+/)[0] || 'help';
  const fields = () => ({
    command,
    via: input.via,
    user: input.userId,
    team: input.teamId,
    durationMs: deps.clock.now().getTime() - started,
  });
  try {
    const [isAdmin, profile] = await Promise.all([
      deps.isAdmin(client, input.userId),
      deps.profiles(client, input.userId),
    ]);
    const reply = await deps.registry.dispatch({
      text: input.text,
      userId: input.userId,
      teamId: input.teamId,
      channelId: input.channelId,
      isAdmin,
      now: deps.clock.now(),
      ...(profile?.tz ? { userTimezone: profile.tz } : {}),
      lookupEmail: async () => (await deps.profiles(client, input.userId))?.email ?? null,
    });
    deps.logger.info('command answered', { ...fields(), reply: reply.kind });
    // Entries may be multi-word ('digest preview'): match on the first word, any entry marking per-user wins.
    const perUser = deps.registry.subcommands.some(
      (s) => s.perUser && s.name.split(/\s+/)[0] === command.toLowerCase(),
    );
    return { ok: true, reply, perUser };
  } catch (error) {
    const ref = randomUUID().slice(0, 8);
    const reply = errorReply(error, ref);
    const log = reply.code === 'internal' ? deps.logger.error : deps.logger.warn;
    log('command failed', error, { ...fields(), code: reply.code, ref });
    return { ok: false, code: reply.code, text: reply.text };
  }
}
