/**
 * Who a batch of team and user alert scopes holds, as one subquery of (k, member) pairs that rows join:
 * k names the scope (`team S01`, `user U01`: a team and a Slack user never share a key), the member is a
 * Codex user by integer key (the activity tables) or by id (the per-user rows, which alone carry USD).
 * Pairs are DISTINCT: a Codex user matched twice to one team or Slack user still counts once, as
 * `user_id IN (…)` does for a rule read alone.
 */
import type { QueryParams } from './figure-query-parts.js';

export type MemberScopeKind = 'team' | 'user';

/** The teams (by id) and Slack users a batch reads. */
export type MemberScopes = Readonly<Record<MemberScopeKind, readonly string[]>>;

/** The key a scope's rows carry. */
export function memberKey(kind: MemberScopeKind, id: string): string {
  return `${kind} ${id}`;
}

/** Team members matched to a Codex user, or the Codex users matched to Slack users. */
const sources: Record<MemberScopeKind, { table: string; id: string }> = {
  team: { table: 'team_members', id: 'team_id' },
  user: { table: 'codex_identities', id: 'slack_user_id' },
};

function pairs(scopes: MemberScopes, params: QueryParams, member: 'user_key' | 'user_id'): string {
  const kinds = (['team', 'user'] as const).filter((kind) => scopes[kind].length > 0);
  if (kinds.length === 0) throw new Error('No team or user scope to read');
  return kinds
    .map((kind) => {
      const { table, id } = sources[kind];
      const ids = scopes[kind].map((key) => params.add(key)).join(', ');
      // The kind is ours ('team' | 'user'), never caller text.
      const k = `'${kind} ' || s.${id}`;
      return member === 'user_key'
        ? `SELECT DISTINCT ${k} AS k, u.user_key FROM ${table} s JOIN usage_users u ON u.user_id = s.codex_user_id
          WHERE s.${id} IN (${ids})`
        : `SELECT DISTINCT ${k} AS k, s.codex_user_id AS user_id FROM ${table} s
          WHERE s.codex_user_id IS NOT NULL AND s.${id} IN (${ids})`;
    })
    .join(' UNION ALL ');
}

/** (k, user_key): for the activity tables. */
export function membersByKey(scopes: MemberScopes, params: QueryParams): string {
  return pairs(scopes, params, 'user_key');
}

/** (k, user_id): for the per-user rows. */
export function membersById(scopes: MemberScopes, params: QueryParams): string {
  return pairs(scopes, params, 'user_id');
}
