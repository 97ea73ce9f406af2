/**
 * Issue 9: real API rows may carry the user only in `actor.user_id` (no top-level `user_id` key).
 * Those rows counted as nobody ("Active users 0" while credits still added up).
 */
import { describe, expect, it } from 'vitest';
import { usersTable } from '../../src/analytics/export-table.js';
import { emailOf, userIdOf } from '../../src/codex/row-identity.js';
import { type UsageRow, usageRowSchema } from '../../src/codex/schemas.js';
import { createSurfaceMapper } from '../../src/codex/surface-mapper.js';
import { computeAdoption } from '../../src/figures/adoption.js';
import { computeUsageBreakdown } from '../../src/figures/usage-breakdown.js';
import { rankUsers } from '../../src/figures/user-ranking.js';
import { at, DAY, sec } from './fixture-rows.js';

const surfaceOf = createSurfaceMapper();
const now = at('2026-03-11T10:00:00');
const week = { start: sec('2026-03-02'), end: sec('2026-03-09') };

/** A per-user row with identity only in `actor`, as integrators of the real API saw them. */
function actorOnly(userId: string, day: string, credits: number, email: string | null = null): UsageRow {
  const start = sec(day);
  return usageRowSchema.parse({
    start_time: start,
    end_time: start + DAY,
    actor: { type: 'ACCOUNT_USER', user_id: userId, email },
    totals: { threads: 1, turns: 2, credits },
    clients: [{ client_id: 'CODEX_CLI', threads: 1, turns: 2, credits }],
  });
}

const rows = [
  actorOnly('u-1', '2026-03-02', 10, 'ann@example.com'),
  actorOnly('u-1', '2026-03-03', 5, 'ann@example.com'),
  actorOnly('u-2', '2026-03-03', 3),
];

describe('row identity', () => {
  it('prefers actor.user_id / actor.email and falls back to the legacy fields', () => {
    expect(
      userIdOf({ user_id: 'legacy', actor: { type: null, user_id: 'a', email: null }, email: null }),
    ).toBe('a');
    expect(userIdOf({ user_id: 'legacy', actor: null, email: null })).toBe('legacy');
    expect(userIdOf({ user_id: null, actor: null, email: null })).toBeNull();
    expect(emailOf({ user_id: null, actor: { type: null, user_id: 'a', email: null }, email: 'x@y' })).toBe(
      'x@y',
    );
    expect(emailOf({ user_id: null, actor: { type: null, user_id: 'a', email: 'a@y' }, email: 'x@y' })).toBe(
      'a@y',
    );
  });

  it('counts actor-only rows as users in adoption, usage, ranking and export', () => {
    const source = rows;
    const options = { window: week, bucket: 'day', surfaceOf, now } as const;
    expect(computeAdoption(source, options).activeUsers).toBe(2);
    // Per-user rows win over workspace rows only when they are recognised as per-user rows.
    expect(computeUsageBreakdown(source, options).totals.credits).toBe(18);
    const ranking = rankUsers(source, { ...options, sortBy: 'credits', surface: null, topN: 5 });
    expect(ranking.users.map((u) => [u.userId, u.label, u.credits])).toEqual([
      ['u-1', 'ann', 15],
      ['u-2', expect.stringMatching(/^user-/), 3],
    ]);
    const exported = usersTable(source);
    expect(exported.rows.map((r) => [r[1], r[3]])).toEqual([
      ['u-1', 'ann@example.com'],
      ['u-1', 'ann@example.com'],
      ['u-2', null],
    ]);
  });
});

describe('clients[] item without client_id (issue 9)', () => {
  it('parses, counts under Other and is logged once, instead of rejecting the whole report', () => {
    const start = sec('2026-03-03');
    const raw = {
      start_time: start,
      end_time: start + DAY,
      user_id: 'u-9',
      totals: { threads: 2, turns: 4, credits: 7 },
      clients: [
        { threads: 1, turns: 2, credits: 4 },
        { client_id: 'CODEX_CLI', threads: 1, turns: 2, credits: 3 },
      ],
    };
    const row = usageRowSchema.parse(raw);
    expect(row.clients[0]?.client_id).toBeNull();
    const warnings: unknown[] = [];
    const mapper = createSurfaceMapper({}, { warn: (...args: unknown[]) => warnings.push(args) });
    const store = [row, usageRowSchema.parse({ ...raw, start_time: start + DAY, end_time: start + 2 * DAY })];
    const options = { window: week, bucket: 'day', surfaceOf: mapper, now } as const;
    const adoption = computeAdoption(store, options);
    expect(adoption.bySurface).toMatchObject({ other: 1, cli: 1 });
    expect(computeUsageBreakdown(store, options).bySurface.other.credits).toBe(8);
    expect(warnings).toHaveLength(1);
  });
});
