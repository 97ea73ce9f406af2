/**
 * Who a batch of team and user alert scopes holds, as one subquery of (k, member) pairs that rows join:
 * k is the scope's number in the batch (rows group on an integer, not a team or Slack user id: a
 * quarter less work over millions of rows), the member a Codex user by integer key (the activity
 * tables) or by id (the per-user rows, which alone carry USD). Pairs are DISTINCT: a Codex user matched
 * twice to one team or Slack user still counts once, as `user_id IN (…)` does for a rule read alone.
 */
import type { QueryParams } from './figure-query-parts.js';

export type MemberScopeKind = 'team' | 'user';

/** A team (by id) or a Slack user, numbered `k` in its batch. */
export interface MemberScope {
  k: number;
  kind: MemberScopeKind;
  id: string;
}

/** Team members matched to a Codex user, or the Codex users matched to Slack users. */
const sources: Record<MemberScopeKind, { table: string; id: string }> = {
  team: { table: 'team_members', id: 'team_id' },
  user: { table: 'codex_identities', id: 'slack_user_id' },
};

function pairs(scopes: readonly MemberScope[], params: QueryParams, member: 'user_key' | 'user_id'): string {
  const kinds = (['team', 'user'] as const).filter((kind) => scopes.some((s) => s.kind === kind));
  if (kinds.length === 0) throw new Error('No team or user scope to read');
  return kinds
    .map((kind) => {
      const { table, id } = sources[kind];
      // Typed: PostgreSQL reads an untyped parameter in VALUES as text.
      const numbered = scopes
        .filter((s) => s.kind === kind)
        .map((s) => `(CAST(${params.add(s.id)} AS TEXT), CAST(${params.add(s.k)} AS INTEGER))`)
        .join(', ');
      const from = `FROM ${table} s JOIN (VALUES ${numbered}) AS ks(id, k) ON ks.id = s.${id}`;
      return member === 'user_key'
        ? `SELECT DISTINCT ks.k, u.user_key ${from} JOIN usage_users u ON u.user_id = s.codex_user_id`
        : `SELECT DISTINCT ks.k, s.codex_user_id AS user_id ${from} WHERE s.codex_user_id IS NOT NULL`;
    })
    .join(' UNION ALL ');
}

/** (k, user_key): for the activity tables. */
export function membersByKey(scopes: readonly MemberScope[], params: QueryParams): string {
  return pairs(scopes, params, 'user_key');
}

/** (k, user_id): for the per-user rows. */
export function membersById(scopes: readonly MemberScope[], params: QueryParams): string {
  return pairs(scopes, params, 'user_id');
}
