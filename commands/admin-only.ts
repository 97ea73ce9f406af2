import { section } from '../reports/blocks/block-helpers.js';
import type { CommandReply } from './command-types.js';

/**
 * The friendly refusal of an admin-only command (issue 12: per-person lists are for admins only): says
 * why and who can change it, names nobody, and goes to the asker alone.
 */
export function adminOnlyReply(what: string): CommandReply {
  const text = `${what} is for Codex Pulse admins only, because it names people. An admin is listed in ADMIN_USER_IDS or is in the ADMIN_USERGROUP_ID user group; \`/codex teams\` shows adoption by team to everyone.`;
  return {
    kind: 'message',
    message: { text, blocks: [section(`:lock: ${text}`)], charts: [] },
    visibility: 'ephemeral',
    audience: 'requester',
    shareable: false,
  };
}

/** What a team command answers on a deployment without team figures (no warehouse teams). */
export function teamsUnavailableReply(): CommandReply {
  const text =
    "Teams aren't available on this deployment: they need the usage warehouse and a Slack bot token.";
  return {
    kind: 'message',
    message: { text, blocks: [section(text)], charts: [] },
    visibility: 'ephemeral',
    audience: 'requester',
    shareable: false,
  };
}
