import { describe, expect, it } from 'vitest';
import type { UsageRow } from '../../src/codex/schemas.js';
import { createSurfaceMapper } from '../../src/codex/surface-mapper.js';
import { computeDigestFigures } from '../../src/figures/digest-figures.js';
import { active, at, DAY, responseRow, reviewRow, sec, usageRow } from './fixture-rows.js';

const surfaceOf = createSurfaceMapper();
// A Wednesday: the running week (from 03-09) is never compared.
const now = at('2026-03-11T10:00:00');
const noResponse = { replies: 0, other: 0, engaged: 0, reacted: 0, replied: 0 };

describe('computeDigestFigures', () => {
  const figures = computeDigestFigures({
    usageRows: [
      active('alice', '2026-02-24', 'CODEX_CLI', 4),
      active('alice', '2026-03-03', 'CODEX_CLI', 6),
      active('alice', '2026-03-04', 'CODEX_IDE_VSCODE', 2),
      active('alice', '2026-03-10', 'CODEX_CLI', 100),
      active('bob', '2026-02-25', 'CODEX_DESKTOP_APP', 10),
      active('bob', '2026-02-26', 'CODEX_DESKTOP_APP', 10),
      active('carol', '2026-03-07', 'CODEX_CLI', 1),
      active('carol', '2026-03-08', 'CODEX_CLI', 3),
    ],
    reviewRows: [reviewRow('2026-03-03', 5, 8), reviewRow('2026-03-10', 50, 80)],
    responseRows: [
      responseRow('2026-03-03', { ...noResponse, comments: 8, upvotes: 3, downvotes: 1 }),
      responseRow('2026-02-24', { ...noResponse, comments: 2, upvotes: 1, downvotes: 1 }),
    ],
    now,
    surfaceOf,
    topN: 1,
  });

  it('compares the last closed week with the one before', () => {
    expect(figures.week).toEqual({ start: sec('2026-03-02'), end: sec('2026-03-09') });
    expect(figures.previousWeek).toEqual({ start: sec('2026-02-23'), end: sec('2026-03-02') });
    const { deltas } = figures;
    expect(deltas.activeUsers).toMatchObject({ current: 2, previous: 2, change: 0, ratio: 0 });
    expect(deltas.credits).toMatchObject({ current: 12, previous: 24, change: -12, ratio: -0.5 });
    expect(deltas.threads).toMatchObject({ current: 4, previous: 3, change: 1 });
    expect(deltas.threads.ratio).toBeCloseTo(1 / 3, 12);
    expect(deltas.prsReviewed).toMatchObject({ current: 5, previous: 0, change: 5, ratio: null });
    expect(deltas.positiveShare).toMatchObject({ current: 0.75, previous: 0.5, change: 0.25, ratio: 0.5 });
    expect(deltas.credits.currentPeriod).toEqual(figures.week);
  });

  it('builds the week figures, ranking and freshness', () => {
    expect(figures.adoption.activeUsers).toBe(2);
    expect(figures.adoption.series).toHaveLength(7);
    expect(figures.usage.bySurface.cli.credits).toBe(10);
    expect(figures.ranking.users.map((u) => [u.userId, u.credits, u.streak])).toEqual([['alice', 8, 0]]);
    expect(figures.ranking.totalUsers).toBe(2);
    expect(figures.ranking.topShare).toBeCloseTo(8 / 12, 12);
    expect(figures.reviews.prsReviewed).toBe(5);
    expect(figures.freshness).toEqual({
      asOf: '2026-03-11T10:00:00.000Z',
      newestCompleteDay: '2026-03-08',
      provisionalDays: ['2026-03-06', '2026-03-07', '2026-03-08'],
    });
  });
});

describe('figures on a larger generated set', () => {
  it('handles 5,000 users × 14 days and agrees with a naive recount', () => {
    const clients = ['CODEX_CLI', 'CODEX_IDE_VSCODE', 'CODEX_WEB', 'CODEX_DESKTOP_APP'];
    const first = sec('2026-02-23');
    const rows: UsageRow[] = [];
    for (let day = 0; day < 14; day++) {
      const iso = new Date((first + day * DAY) * 1000).toISOString().slice(0, 10);
      for (let u = 0; u < 5000; u++) {
        if ((u + day) % 3 === 0) continue;
        const client = clients[u % 4] ?? 'CODEX_CLI';
        const second = clients[(u + day) % 4] ?? 'CODEX_CLI';
        rows.push(
          usageRow({
            user: `u${u}`,
            day: iso,
            email: u % 2 === 0 ? `dev${u}@example.com` : null,
            clients: [
              { client, threads: 1, turns: 3, credits: (u % 7) + 1, tokens: u % 5 === 0 ? null : 100 },
              { client: second, turns: u % 11 === 0 ? 0 : 1 },
            ],
          }),
        );
      }
    }
    const figures = computeDigestFigures({
      usageRows: rows,
      reviewRows: [],
      responseRows: [],
      now,
      surfaceOf,
      topN: 10,
    });

    // Naive recount over the last closed week with Sets.
    const inWeek = rows.filter((r) => r.start_time >= figures.week.start && r.start_time < figures.week.end);
    const users = new Set(inWeek.map((r) => r.user_id));
    const cloudUsers = new Set(
      inWeek
        .filter((r) =>
          r.clients.some((c) => surfaceOf(c.client_id) === 'cloud' && (c.turns > 0 || c.credits > 0)),
        )
        .map((r) => r.user_id),
    );
    const credits = inWeek.reduce((s, r) => s + r.totals.credits, 0);
    expect(figures.adoption.activeUsers).toBe(users.size);
    expect(figures.adoption.bySurface.cloud).toBe(cloudUsers.size);
    expect(figures.usage.totals.credits).toBe(credits);
    expect(figures.ranking.totalUsers).toBe(users.size);
    expect(figures.ranking.users).toHaveLength(10);
    expect(figures.ranking.users[0]?.credits).toBeGreaterThanOrEqual(figures.ranking.users[9]?.credits ?? 0);
    expect(figures.adoption.series.reduce((s, p) => s + p.activeUsers, 0)).toBe(inWeek.length);
    // Streaks recounted day by day back from the newest complete day (Sunday 03-08).
    const activeDays = new Set(rows.map((r) => `${r.user_id}@${r.start_time}`));
    for (const user of figures.ranking.users) {
      let streak = 0;
      while (activeDays.has(`${user.userId}@${sec('2026-03-08') - streak * DAY}`)) streak++;
      expect(user.streak).toBe(streak);
    }
  });
});
