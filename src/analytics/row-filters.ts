/**
 * Views over usage rows for questions narrower than the whole workspace. Both yield rows lazily and
 * keep nothing (see src/figures/usage-rows.ts).
 */
import { userIdOf } from '../codex/row-identity.js';
import type { ClientUsage, UsageMetrics, UsageRow } from '../codex/schemas.js';
import type { Surface, SurfaceOf } from '../domain/surfaces.js';
import { addKnown } from '../figures/usage-accumulator.js';
import type { UsageRows } from '../figures/usage-rows.js';

/** Rows of the given users only (ids as the API gives them). */
export function rowsOfUsers(rows: UsageRows, userIds: ReadonlySet<string>): UsageRows {
  return {
    *[Symbol.iterator]() {
      for (const row of rows) {
        const userId = userIdOf(row);
        if (userId !== null && userIds.has(userId)) yield row;
      }
    },
  };
}

/**
 * Rows as if only `surface` existed: `clients[]` keeps that surface's items and `totals` becomes their
 * sum, so adoption and the usage breakdown count only activity there. A row without any `clients[]`
 * is wholly 'other' (the figures' own rule). `models[]` is dropped: the API does not say which client
 * a model served, so no model figure can be attributed to a surface. Yields one reused row object.
 */
export function rowsOnSurface(rows: UsageRows, surface: Surface, surfaceOf: SurfaceOf): UsageRows {
  return {
    *[Symbol.iterator]() {
      const totals = emptyMetrics();
      const clients: ClientUsage[] = [];
      const view: UsageRow = { ...emptyRow(), totals, clients };
      for (const row of rows) {
        view.start_time = row.start_time;
        view.end_time = row.end_time;
        view.user_id = row.user_id;
        view.actor = row.actor;
        view.email = row.email;
        clients.length = 0;
        if (row.clients.length === 0) {
          Object.assign(totals, surface === 'other' ? row.totals : emptyMetrics());
        } else {
          Object.assign(totals, emptyMetrics());
          for (const client of row.clients) {
            if (surfaceOf(client.client_id) !== surface) continue;
            clients.push(client);
            addInto(totals, client);
          }
        }
        yield view;
      }
    },
  };
}

function addInto(sum: UsageMetrics, m: UsageMetrics): void {
  sum.threads += m.threads;
  sum.turns += m.turns;
  sum.credits += m.credits;
  sum.cost_usd = addKnown(sum.cost_usd, m.cost_usd);
  sum.estimated_cost_usd = addKnown(sum.estimated_cost_usd, m.estimated_cost_usd);
  sum.uncached_text_input_tokens = addKnown(sum.uncached_text_input_tokens, m.uncached_text_input_tokens);
  sum.cached_text_input_tokens = addKnown(sum.cached_text_input_tokens, m.cached_text_input_tokens);
  sum.text_output_tokens = addKnown(sum.text_output_tokens, m.text_output_tokens);
  sum.text_total_tokens = addKnown(sum.text_total_tokens, m.text_total_tokens);
}

function emptyRow(): Omit<UsageRow, 'totals' | 'clients'> {
  return {
    start_time: 0,
    end_time: 0,
    user_id: null,
    actor: null,
    email: null,
    models: [],
    code_attribution: null,
  };
}

/** A metrics object with every field at its "nothing known" value, for the reused view to fill. */
function emptyMetrics(): UsageMetrics {
  return {
    threads: 0,
    turns: 0,
    credits: 0,
    cost_usd: null,
    estimated_cost_usd: null,
    uncached_text_input_tokens: null,
    cached_text_input_tokens: null,
    text_output_tokens: null,
    text_total_tokens: null,
  };
}
