/**
 * Each Codex user's spend in a window as team figures need it (issue 12 §2): estimated USD and credits
 * per surface, so a team's figures can say "≈ $1,234 est." and which surface carries most of its
 * credits. Computed here from rows, or by the warehouse inside the team figures statement
 * (warehouse-team-figures.ts); the contract tests hold the two equal.
 */
import { userIdOf } from '../codex/row-identity.js';
import { type Surface, type SurfaceOf, surfaces } from '../domain/surfaces.js';
import type { TimeWindow } from '../domain/utc-days.js';
import { isActive } from './usage-accumulator.js';
import type { UsageRows } from './usage-rows.js';

export interface UserSpend {
  userId: string;
  /** Estimated USD of their active rows in the window (estimatedUsd of each row, summed). */
  usd: number;
  /** Credits in the window per surface: clients[] items on their surface, client-less rows as Other. */
  creditsBySurface: Partial<Record<Surface, number>>;
}

/**
 * The USD rule of every estimate (alerts, budgets, teams): the API's `cost_usd`, else its
 * `estimated_cost_usd`, else credits × CREDIT_PRICE_USD. SQL twin: usdEstimate in figure-query-parts.ts.
 */
export function estimatedUsd(
  metrics: { cost_usd: number | null; estimated_cost_usd: number | null; credits: number },
  creditPriceUsd: number,
): number {
  return metrics.cost_usd ?? metrics.estimated_cost_usd ?? metrics.credits * creditPriceUsd;
}

/** The spend of every user with an active row or credits in `window`, by user id. */
export function summariseUserSpend(
  rows: UsageRows,
  window: TimeWindow,
  pricing: { surfaceOf: SurfaceOf; creditPriceUsd: number },
): UserSpend[] {
  const byUser = new Map<string, UserSpend>();
  for (const row of rows) {
    const userId = userIdOf(row);
    if (userId === null || row.start_time < window.start || row.start_time >= window.end) continue;
    let spend = byUser.get(userId);
    if (!spend) {
      spend = { userId, usd: 0, creditsBySurface: {} };
      byUser.set(userId, spend);
    }
    // USD of active rows only, as the credits of team figures (the warehouse's `active` column).
    if (isActive(row.totals) || row.clients.some((client) => isActive(client))) {
      spend.usd += estimatedUsd(row.totals, pricing.creditPriceUsd);
    }
    const items =
      row.clients.length === 0
        ? [{ surface: 'other' as Surface, credits: row.totals.credits }]
        : row.clients.map((c) => ({ surface: pricing.surfaceOf(c.client_id), credits: c.credits }));
    for (const { surface, credits } of items) {
      if (credits > 0) spend.creditsBySurface[surface] = (spend.creditsBySurface[surface] ?? 0) + credits;
    }
  }
  return [...byUser.values()].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

/** The surface with most credits (ties: the first in `surfaces` order); null when none has any. */
export function topSurfaceOf(creditsBySurface: Partial<Record<Surface, number>>): Surface | null {
  let top: Surface | null = null;
  for (const surface of surfaces) {
    const credits = creditsBySurface[surface] ?? 0;
    if (credits > 0 && (top === null || credits > (creditsBySurface[top] ?? 0))) top = surface;
  }
  return top;
}
