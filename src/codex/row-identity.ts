/**
 * The one place that says who a usage row belongs to. Real integrators treat `actor.user_id` as the
 * identity and the top-level `user_id` as legacy: rows may carry the user only in `actor`
 * (../shared/docs/codex-analytics-api.md, usage row). Every figure, export and ranking reads identity
 * through these two functions, so no count can disagree with another about who is who.
 */
import type { UsageRow } from './schemas.js';

type IdentityFields = Pick<UsageRow, 'user_id' | 'actor' | 'email'>;

/** The row's user: `actor.user_id`, then the legacy `user_id`; null on workspace rows. */
export function userIdOf(row: IdentityFields): string | null {
  return row.actor?.user_id ?? row.user_id;
}

/** The row's email: `actor.email`, then the legacy `email`; null when the workspace hides emails. */
export function emailOf(row: IdentityFields): string | null {
  return row.actor?.email ?? row.email;
}
