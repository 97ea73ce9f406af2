/**
 * One row's activity as the ranking counts it, optionally restricted to one surface. Writes into a
 * caller-owned object so hot loops over hundreds of thousands of rows allocate nothing.
 */
import type { UsageRow } from '../codex/schemas.js';
import type { Surface, SurfaceOf } from '../domain/surfaces.js';
import { addKnown, isActive } from './usage-accumulator.js';

export interface RowActivity {
  threads: number;
  turns: number;
  credits: number;
  /** text_total_tokens; null when unknown. */
  tokens: number | null;
  active: boolean;
}

export function createRowActivity(): RowActivity {
  return { threads: 0, turns: 0, credits: 0, tokens: null, active: false };
}

/**
 * Measures `row` into `out`. Without a surface filter the row's totals count. With one, only
 * `clients[]` items of that surface count — except that a row with no `clients[]` at all is wholly
 * 'other', the same attribution adoption and the usage breakdown use.
 */
export function measureRow(
  row: UsageRow,
  surface: Surface | null,
  surfaceOf: SurfaceOf,
  out: RowActivity,
): void {
  const totals = row.totals;
  if (surface === null || (surface === 'other' && row.clients.length === 0)) {
    out.threads = totals.threads;
    out.turns = totals.turns;
    out.credits = totals.credits;
    out.tokens = totals.text_total_tokens;
    out.active = isActive(totals) || (surface === null && row.clients.some(isActive));
    return;
  }
  out.threads = 0;
  out.turns = 0;
  out.credits = 0;
  out.tokens = null;
  for (const client of row.clients) {
    if (surfaceOf(client.client_id) !== surface) continue;
    out.threads += client.threads;
    out.turns += client.turns;
    out.credits += client.credits;
    out.tokens = addKnown(out.tokens, client.text_total_tokens);
  }
  out.active = out.threads > 0 || out.turns > 0 || out.credits > 0;
}
