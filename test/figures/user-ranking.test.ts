import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSurfaceMapper } from '../../src/codex/surface-mapper.js';
import type { RankKey } from '../../src/figures/figure-types.js';
import { rankUsers } from '../../src/figures/user-ranking.js';
import { active, at, sec, usageRow } from './fixture-rows.js';

const surfaceOf = createSurfaceMapper();
const now = at('2026-03-11T10:00:00');
const week = { start: sec('2026-03-02'), end: sec('2026-03-09') };
const options = { window: week, sortBy: 'credits', surface: null, topN: 10, surfaceOf, now } as const;
const hex = (id: string) => createHash('sha256').update(id).digest('hex');

const bobDays = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
const rows = [
  // alice: 4 active days with a gap on 03-05; CLI 40 credits, IDE 5 credits.
  usageRow({
    user: 'alice',
    day: '2026-03-04',
    email: 'alice@example.com',
    clients: [{ client: 'CODEX_CLI', threads: 1, turns: 2, credits: 10 }],
  }),
  active('alice', '2026-03-06', 'CODEX_CLI', 10),
  active('alice', '2026-03-07', 'CODEX_CLI', 10),
  usageRow({
    user: 'alice',
    day: '2026-03-08',
    clients: [
      { client: 'CODEX_CLI', threads: 1, turns: 2, credits: 10, tokens: 500 },
      { client: 'CODEX_IDE_VSCODE', threads: 1, turns: 2, credits: 5 },
    ],
  }),
  // bob: every day from 03-01 (before the window) to 03-08, 1 credit each; only the legacy email.
  ...bobDays.map((day) => active('bob', day)),
  usageRow({
    user: 'bob',
    day: '2026-03-07',
    legacyEmail: 'bob.legacy@example.com',
    clients: [{ client: 'CODEX_CLI', threads: 1, turns: 2, credits: 1 }],
  }),
  active('bob', '2026-03-08'),
  // carol: no email, one big desktop day, not active on the newest complete day.
  usageRow({
    user: 'carol',
    day: '2026-03-07',
    clients: [{ client: 'CODEX_DESKTOP_APP', threads: 1, turns: 2, credits: 50, tokens: 0 }],
  }),
  // dave: only in the running week.
  active('dave', '2026-03-09', 'CODEX_CLI', 500),
  // erin: rows but no activity.
  usageRow({ user: 'erin', day: '2026-03-05', clients: [{ client: 'CODEX_CLI', tokens: 100 }] }),
  // frank: turns but no credits.
  usageRow({ user: 'frank', day: '2026-03-08', clients: [{ client: 'CODEX_CLI', turns: 5 }] }),
  usageRow({ user: null, day: '2026-03-08', totals: { credits: 10_000 } }),
];

const order = (sortBy: RankKey) => rankUsers(rows, { ...options, sortBy }).users.map((u) => u.userId);

describe('rankUsers', () => {
  const ranking = rankUsers(rows, options);

  it('ranks active users by credits with shares of the total', () => {
    expect(ranking.users.map((u) => [u.userId, u.credits])).toEqual([
      ['carol', 50],
      ['alice', 45],
      ['bob', 7],
      ['frank', 0],
    ]);
    expect(ranking.totalUsers).toBe(4);
    expect(ranking.totalCredits).toBe(102);
    expect(ranking.topShare).toBe(1);
    expect(ranking.users[0]?.creditShare).toBeCloseTo(50 / 102, 12);
    expect(ranking.users[3]?.creditShare).toBe(0);
  });

  it('sorts by each key, breaking ties by credits then label', () => {
    expect(order('threads')).toEqual(['bob', 'alice', 'carol', 'frank']); // 7, 5, 1, 0
    expect(order('turns')).toEqual(['bob', 'alice', 'frank', 'carol']); // 14, 10, 5, 2
    // Tokens: 500, 0, then bob and frank unknown (below 0), tied → credits 7 > 0.
    expect(order('tokens')).toEqual(['alice', 'carol', 'bob', 'frank']);
    // Streaks: bob 8, alice 3, frank 1 (active on 03-08), carol 0.
    expect(order('streak')).toEqual(['bob', 'alice', 'frank', 'carol']);
  });

  it('reports per-user figures: streaks, tokens, surfaces most credits first', () => {
    const byId = new Map(ranking.users.map((u) => [u.userId, u]));
    expect(byId.get('alice')).toMatchObject({
      threads: 5,
      turns: 10,
      tokens: 500,
      streak: 3,
      surfaces: ['cli', 'ide'],
    });
    // bob's streak runs back into 03-01, before the window: 8 days.
    expect(byId.get('bob')).toMatchObject({
      threads: 7,
      turns: 14,
      tokens: null,
      streak: 8,
      surfaces: ['cli'],
    });
    expect(byId.get('carol')).toMatchObject({ tokens: 0, streak: 0, surfaces: ['desktop'] });
    expect(byId.get('frank')).toMatchObject({ turns: 5, streak: 1, surfaces: ['cli'] });
  });

  it('labels by email local part, the legacy email, else a pseudonym of the user_id', () => {
    const labels = Object.fromEntries(ranking.users.map((u) => [u.userId, [u.label, u.email]]));
    expect(labels.alice).toEqual(['alice', 'alice@example.com']);
    expect(labels.bob).toEqual(['bob.legacy', 'bob.legacy@example.com']);
    expect(labels.carol).toEqual([`user-${hex('carol').slice(0, 4)}`, null]);
    // Same label whatever else is in the input.
    const alone = rankUsers(
      rows.filter((r) => r.user_id === 'carol'),
      options,
    );
    expect(alone.users[0]?.label).toBe(labels.carol?.[0]);
  });

  it('keeps only the top N and measures their concentration', () => {
    const top2 = rankUsers(rows, { ...options, topN: 2 });
    expect(top2.users.map((u) => u.userId)).toEqual(['carol', 'alice']);
    expect(top2.totalUsers).toBe(4);
    expect(top2.topShare).toBeCloseTo(95 / 102, 12);
    expect(rankUsers(rows, { ...options, topN: 0 }).users).toEqual([]);
  });

  it('counts only activity on the filtered surface', () => {
    const ide = rankUsers(rows, { ...options, surface: 'ide' });
    expect(ide.surface).toBe('ide');
    expect(ide.users).toHaveLength(1);
    // alice's IDE activity only: one day (03-08), so her IDE streak is 1; surfaces stay descriptive.
    expect(ide.users[0]).toMatchObject({
      userId: 'alice',
      credits: 5,
      threads: 1,
      turns: 2,
      tokens: null,
      streak: 1,
      creditShare: 1,
    });
    expect(ide.users[0]?.surfaces).toEqual(['cli', 'ide']);
    expect(ide.totalCredits).toBe(5);
    const cli = rankUsers(rows, { ...options, surface: 'cli', sortBy: 'streak' });
    expect(cli.users.map((u) => [u.userId, u.credits, u.streak])).toEqual([
      ['bob', 7, 8],
      ['alice', 40, 3],
      ['frank', 0, 1],
    ]);
    const cloud = rankUsers(rows, { ...options, surface: 'cloud' });
    expect(cloud).toMatchObject({ users: [], totalUsers: 0, totalCredits: 0, topShare: 0 });
  });

  it('ends streaks on the newest complete day: the running day does not count, a gap breaks', () => {
    const running = { start: sec('2026-03-02'), end: sec('2026-03-16') };
    const streakRows = [
      ...['2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11'].map((d) => active('gina', d)),
      ...['2026-03-06', '2026-03-08', '2026-03-09'].map((d) => active('hugo', d)),
      active('ivan', '2026-03-08'),
    ];
    // Wednesday 10:00: Tuesday 03-10 ended only 10 h ago, so Monday 03-09 is the newest complete day.
    const streaks = rankUsers(streakRows, { ...options, window: running, sortBy: 'streak' });
    expect(streaks.users.map((u) => [u.userId, u.streak])).toEqual([
      ['gina', 3],
      ['hugo', 2],
      ['ivan', 0],
    ]);
  });

  it('extends streaks through separately given history, stopping at the first gap', () => {
    const inWeek = rows.filter((r) => r.start_time >= week.start && r.start_time < week.end);
    const older = rows.filter((r) => r.start_time < week.start);
    expect(rankUsers(inWeek, { ...options, history: older })).toEqual(ranking);
    // Without history the streak cannot see past the window start: bob's 7 window days.
    expect(rankUsers(inWeek, options).users.find((u) => u.userId === 'bob')?.streak).toBe(7);
    const gapped = [
      ...['2026-02-25', '2026-02-27', '2026-02-28', '2026-03-01'].map((d) => active('kim', d)),
      ...[
        '2026-03-02',
        '2026-03-03',
        '2026-03-04',
        '2026-03-05',
        '2026-03-06',
        '2026-03-07',
        '2026-03-08',
      ].map((d) => active('kim', d)),
      // Active before the window but not on its first day: the window gap ends the streak.
      active('lou', '2026-03-01'),
      ...['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08'].map((d) =>
        active('lou', d),
      ),
    ];
    const streaks = rankUsers(gapped, { ...options, sortBy: 'streak' }).users.map((u) => [
      u.userId,
      u.streak,
    ]);
    expect(streaks).toEqual([
      ['kim', 10],
      ['lou', 6],
    ]);
  });

  it('breaks exact ties by label whatever the input order', () => {
    const tied = [
      active('u2', '2026-03-03', 'CODEX_CLI', 4),
      usageRow({
        user: 'u2',
        day: '2026-03-02',
        email: 'zed@x.io',
        clients: [{ client: 'CODEX_CLI', credits: 0, turns: 1 }],
      }),
      usageRow({
        user: 'u1',
        day: '2026-03-03',
        email: 'amy@x.io',
        clients: [{ client: 'CODEX_CLI', credits: 4 }],
      }),
    ];
    expect(rankUsers(tied, options).users.map((u) => u.label)).toEqual(['amy', 'zed']);
    expect(rankUsers([...tied].reverse(), options).users.map((u) => u.label)).toEqual(['amy', 'zed']);
  });

  it('takes the newest email when it changed', () => {
    const changed = [
      usageRow({
        user: 'u1',
        day: '2026-03-05',
        email: 'new@x.io',
        clients: [{ client: 'CODEX_CLI', credits: 1 }],
      }),
      usageRow({
        user: 'u1',
        day: '2026-03-03',
        email: 'old@x.io',
        clients: [{ client: 'CODEX_CLI', credits: 1 }],
      }),
    ];
    expect(rankUsers(changed, options).users[0]?.label).toBe('new');
  });
});
