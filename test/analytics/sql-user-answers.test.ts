/**
 * Issue 11 §4/§5: ranking, personal and the three exports answered by SQL (WarehouseUserFigures via
 * sql-ranking.ts and sql-user-answers.ts) equal the pure functions (rankUsers, and the analytics'
 * row-computed answers) over the same rows read back from the warehouse — every sort key, every surface
 * filter, several topN, streaks reaching before the window, a team scope — on DuckDB and PostgreSQL.
 * The rows are crafted for the edges the simulator rarely hits: rows without clients[], a null client_id,
 * unknown tokens, inactive rows, emails that change or differ in case, legacy-only emails, ties on every
 * number, and enough email-less users that 4-hex pseudonyms collide and must lengthen.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createWorkspaceAnalytics } from '../../src/analytics/create-workspace-analytics.js';
import { sqlRanking } from '../../src/analytics/sql-ranking.js';
import type { WindowRows } from '../../src/analytics/window-rows.js';
import type { WorkspaceAnalytics } from '../../src/analytics/workspace-analytics.js';
import type { UsageRow } from '../../src/codex/schemas.js';
import { createSurfaceMapper } from '../../src/codex/surface-mapper.js';
import { surfaces } from '../../src/domain/surfaces.js';
import type { TimeWindow } from '../../src/domain/utc-days.js';
import type { RankKey } from '../../src/figures/figure-types.js';
import { rankUsers } from '../../src/figures/user-ranking.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { active, at, DAY, responseRow, reviewRow, sec, usageRow } from '../figures/fixture-rows.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { figureDifferences } from '../helpers/same-figures.js';
import { testClock } from '../helpers/test-clock.js';
import { warehouseEachTest } from '../helpers/warehouse-each-test.js';
import { backends } from '../warehouse/warehouse-backends.js';

const surfaceOf = createSurfaceMapper();
const now = at('2026-03-11T10:00:00');
const held = { start: sec('2026-02-20'), end: sec('2026-03-12') };
const windows: Record<string, TimeWindow> = {
  'a closed week': { start: sec('2026-03-02'), end: sec('2026-03-09') },
  'to the running day': { start: sec('2026-03-04'), end: sec('2026-03-12') },
  'everything held': held,
  'before any row': { start: sec('2026-01-01'), end: sec('2026-01-08') },
};
const rankKeys: RankKey[] = ['credits', 'threads', 'turns', 'tokens', 'streak'];
/** Some 200 rankings each side: beyond the default 30 s on a busy 2-core machine. */
const LONG_TEST_MS = 180_000;

function withClient(row: UsageRow, clientId: string | null): UsageRow {
  return { ...row, clients: row.clients.map((client) => ({ ...client, client_id: clientId })) };
}

function craftedRows(): UsageRow[] {
  const rows: UsageRow[] = [
    // alice: two surfaces, tokens known on one day only, a gap on 03-05.
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
    // bob: active every day from 02-24 (before the closed week) to the running day; legacy email only.
    ...Array.from({ length: 16 }, (_, i) =>
      usageRow({
        user: 'bob',
        day: new Date((sec('2026-02-24') + i * DAY) * 1000).toISOString().slice(0, 10),
        legacyEmail: 'bob.legacy@example.com',
        clients: [{ client: 'CODEX_IDE_VSCODE', threads: 1, turns: 1, credits: 1, tokens: 0 }],
      }),
    ),
    // carol: no email, one big desktop day.
    usageRow({
      user: 'carol',
      day: '2026-03-07',
      clients: [{ client: 'CODEX_DESKTOP_APP', threads: 1, turns: 2, credits: 50, tokens: 0 }],
    }),
    // dave: only on the running day.
    active('dave', '2026-03-11', 'CODEX_CLI', 500),
    // erin: rows but no activity (tokens only), with an email.
    usageRow({
      user: 'erin',
      day: '2026-03-05',
      email: 'erin@example.com',
      clients: [{ client: 'CODEX_CLI', tokens: 100 }],
    }),
    // frank: turns without credits.
    usageRow({ user: 'frank', day: '2026-03-08', clients: [{ client: 'CODEX_CLI', turns: 5 }] }),
    // gina: days without clients[] (wholly Other), one of them inactive with tokens.
    usageRow({
      user: 'gina',
      day: '2026-03-06',
      email: 'gina@example.com',
      totals: { credits: 7, tokens: 70 },
    }),
    usageRow({ user: 'gina', day: '2026-03-07', totals: { threads: 2, turns: 3, credits: 7 } }),
    usageRow({ user: 'gina', day: '2026-03-08', totals: { tokens: 9 } }),
    // hank: a client without a client_id (Other), and a cloud day.
    withClient(active('hank', '2026-03-07', 'x', 4), null),
    active('hank', '2026-03-08', 'CODEX_CLOUD_TASK', 3),
    // jack: a day without clients[] beside a CLI day, tokens unknown on both: on CLI, tokens stay unknown.
    usageRow({ user: 'jack', day: '2026-03-06', totals: { credits: 3 } }),
    usageRow({ user: 'jack', day: '2026-03-07', clients: [{ client: 'CODEX_CLI', credits: 2 }] }),
    // ivy: her email changes (and its case) inside the window; the newest one labels her.
    usageRow({
      user: 'ivy',
      day: '2026-03-03',
      email: 'ivy.old@example.com',
      clients: [{ client: 'CODEX_CLI', threads: 3, turns: 3, credits: 2 }],
    }),
    usageRow({
      user: 'ivy',
      day: '2026-03-08',
      email: 'Ivy.New@Example.com',
      clients: [{ client: 'CODEX_CLI', threads: 3, turns: 3, credits: 2 }],
    }),
  ];
  // 400 email-less users tied in fours on every number: ties fall to the pseudonym. anon-530 and
  // anon-548 share their 4-hex pseudonym with anon-280 and anon-269: listed together, they lengthen.
  for (let i = 0; i < 400; i++) {
    const day = i % 2 === 0 ? '2026-03-08' : '2026-03-07';
    rows.push(
      active(`anon-${i}`, day, i % 3 === 0 ? 'CODEX_CLI' : 'CODEX_IDE_VSCODE', 1 + Math.floor(i / 4)),
    );
  }
  rows.push(
    active('anon-530', '2026-03-08', 'CODEX_CLI', 71),
    active('anon-548', '2026-03-07', 'CODEX_CLI', 68),
  );
  return rows;
}

/** The warehouse as a row source, always ready: the analytics' row-computed answers read it. */
function storedRows(warehouse: Warehouse): WindowRows {
  return {
    ready: async () => ({ generation: 'fixed', note: null, dataThrough: null, topUpError: null }),
    async *usagePages(window) {
      yield await warehouse.userUsageRows(window);
    },
    codeReviews: (window) => warehouse.codeReviewRows(window),
    codeReviewResponses: (window) => warehouse.codeReviewResponseRows(window),
    historyStart: async () => held.start,
  };
}

describe.each(backends())('SQL user answers equal the pure functions on $kind', (backend) => {
  let warehouse: Warehouse;
  let rows: UsageRow[];
  let bySql: WorkspaceAnalytics;
  let byRows: WorkspaceAnalytics;

  warehouseEachTest(backend, (opened) => {
    warehouse = opened;
  });
  beforeEach(async () => {
    if (!backend.available) return;
    await warehouse.replaceUserUsage(held, craftedRows());
    await warehouse.replaceCodeReviews(held, [reviewRow('2026-03-03', 4, 9, { p0: 1, p1: 2, p2: 6 })]);
    await warehouse.replaceCodeReviewResponses(held, [
      responseRow('2026-03-04', {
        comments: 5,
        replies: 2,
        upvotes: 3,
        downvotes: 1,
        other: 0,
        engaged: 2,
        reacted: 2,
        replied: 1,
      }),
    ]);
    await warehouse.teams.replaceSnapshot({
      identities: [],
      teams: [{ id: 'T1', name: 'core', origin: 'roster', seats: false }],
      memberships: ['alice', 'carol', 'gina', 'anon-7', null].map((codexUserId, i) => ({
        teamId: 'T1',
        memberKey: `U${i}`,
        slackUserId: `U${i}`,
        email: null,
        codexUserId,
        manager: null,
        costCentre: null,
      })),
    });
    // The pure side reads the very rows the warehouse holds.
    rows = await warehouse.userUsageRows(held);
    const base = {
      rows: storedRows(warehouse),
      clock: testClock(now),
      logger: createMemoryLogger(),
      surfaceOf,
      cacheTtlMs: 0,
      workspaceId: 'ws',
    };
    byRows = createWorkspaceAnalytics(base);
    bySql = createWorkspaceAnalytics({ ...base, userFigures: warehouse.userFigures });
  });

  const inWindow = (window: TimeWindow) =>
    rows.filter((row) => row.start_time >= window.start && row.start_time < window.end);

  it.skipIf(!backend.available)(
    'every sort key and surface filter, several topN',
    async () => {
      expect(rows.length).toBeGreaterThan(400);
      for (const [name, window] of Object.entries(windows)) {
        for (const sortBy of rankKeys) {
          for (const surface of [null, ...surfaces]) {
            for (const topN of sortBy === 'credits' || surface === null ? [0, 1, 3, 1000] : [5]) {
              const options = { window, sortBy, surface, topN, surfaceOf, now };
              const mine = await sqlRanking(warehouse.userFigures, window, options);
              const theirs = rankUsers(inWindow(window), options);
              expect(figureDifferences(mine, theirs), `${name} ${sortBy} ${surface} top ${topN}`).toEqual([]);
            }
          }
        }
      }
      // The fixture reaches what it is for: lengthened pseudonyms, streaks, Other without clients[].
      const all = await sqlRanking(warehouse.userFigures, held, {
        sortBy: 'credits',
        surface: null,
        topN: 1000,
        surfaceOf,
        now,
      });
      expect(all.users.some((user) => /^user-[0-9a-f]{6,}$/.test(user.label))).toBe(true);
      expect(all.users.find((user) => user.userId === 'gina')?.surfaces).toEqual(['other']);
      expect(all.users.find((user) => user.userId === 'ivy')?.label).toBe('Ivy.New');
    },
    LONG_TEST_MS,
  );

  it.skipIf(!backend.available)('streaks reach back through history as far as given', async () => {
    const week = windows['a closed week'] as TimeWindow;
    for (const surface of [null, 'ide', 'cli'] as const) {
      const options = { window: week, sortBy: 'streak' as const, surface, topN: 10, surfaceOf, now };
      const mine = await sqlRanking(warehouse.userFigures, week, { ...options, historyStart: held.start });
      // rankUsers' history defaults to every row given: here, rows before the week too.
      expect(figureDifferences(mine, rankUsers(rows, options)), String(surface)).toEqual([]);
    }
    const bob = (
      await sqlRanking(warehouse.userFigures, week, {
        sortBy: 'streak',
        surface: null,
        topN: 1,
        surfaceOf,
        now,
        historyStart: held.start,
      })
    ).users[0];
    // 02-24 … 03-08: 13 days, 6 of them before the week.
    expect(bob).toMatchObject({ userId: 'bob', streak: 13 });
  });

  it.skipIf(!backend.available)('streaks longer than one 63-day bitmap word', async () => {
    // marathon: every day from 2025-10-01 to the running day (162 days); sprinter: 64 days, then a gap.
    const longer = { start: sec('2025-10-01'), end: held.start };
    const everyDay = (user: string, from: number, to: number) =>
      Array.from({ length: (to - from) / DAY }, (_, i) =>
        active(user, new Date((from + i * DAY) * 1000).toISOString().slice(0, 10)),
      );
    await warehouse.replaceUserUsage(longer, [
      ...everyDay('marathon', longer.start, longer.end),
      ...everyDay('sprinter', sec('2025-12-15'), longer.end),
    ]);
    await warehouse.replaceUserUsage(held, [
      ...craftedRows(),
      ...everyDay('marathon', held.start, held.end),
      ...everyDay('sprinter', held.start, sec('2026-03-09')),
    ]);
    const all = await warehouse.userUsageRows({ start: longer.start, end: held.end });
    for (const window of Object.values(windows)) {
      const options = { window, sortBy: 'streak' as const, surface: null, topN: 5, surfaceOf, now };
      const mine = await sqlRanking(warehouse.userFigures, window, {
        ...options,
        historyStart: longer.start,
      });
      expect(figureDifferences(mine, rankUsers(all, options))).toEqual([]);
    }
    const top = await sqlRanking(warehouse.userFigures, held, {
      sortBy: 'streak',
      surface: null,
      topN: 2,
      surfaceOf,
      now,
      historyStart: longer.start,
    });
    // Through 03-09, the newest complete day: 2025-10-01 … 2026-03-09 is 160 days (three words); bob's 14
    // (02-24 … 03-09) beats sprinter's, which broke on 03-09 after 84 days.
    expect(top.users.map((user) => [user.userId, user.streak])).toEqual([
      ['marathon', 160],
      ['bob', 14],
    ]);
  });

  it.skipIf(!backend.available)('a team scope ranks only the team', async () => {
    const members = new Set(['alice', 'carol', 'gina', 'anon-7']);
    const window = windows['everything held'] as TimeWindow;
    for (const surface of [null, 'other'] as const) {
      const options = { window, sortBy: 'credits' as const, surface, topN: 10, surfaceOf, now };
      const mine = await sqlRanking(warehouse.userFigures, window, { ...options, scope: { teamId: 'T1' } });
      const theirs = rankUsers(
        rows.filter((row) => members.has(row.actor?.user_id ?? '')),
        options,
      );
      expect(figureDifferences(mine, theirs)).toEqual([]);
      expect(mine.totalUsers).toBeGreaterThan(0);
    }
  });

  it.skipIf(!backend.available)(
    'a team through the analytics door (issue 12 §3): SQL and rows agree, and differ from the workspace',
    async () => {
      const team = { teamId: 'T1', codexUserIds: ['alice', 'anon-7', 'carol', 'gina'] };
      const byFigures = createWorkspaceAnalytics({
        rows: storedRows(warehouse),
        clock: testClock(now),
        logger: createMemoryLogger(),
        surfaceOf,
        cacheTtlMs: 0,
        workspaceId: 'ws',
        figures: warehouse,
      });
      for (const [name, window] of Object.entries(windows)) {
        const ranking = { sortBy: 'credits' as const, surface: null, topN: 10, team };
        expect(
          figureDifferences(await bySql.ranking(window, ranking), await byRows.ranking(window, ranking)),
          `${name} ranking`,
        ).toEqual([]);
        for (const surface of [null, 'other'] as const) {
          const usage = { bucket: 'day' as const, surface, team };
          expect(
            figureDifferences(await byFigures.usage(window, usage), await byRows.usage(window, usage)),
            `${name} usage ${surface}`,
          ).toEqual([]);
        }
        for (const kind of ['usage', 'users'] as const) {
          expect(
            figureDifferences(
              await bySql.exportTable(kind, window, { team }),
              await byRows.exportTable(kind, window, { team }),
            ),
            `${name} ${kind}`,
          ).toEqual([]);
        }
      }
      const everyone = await bySql.exportTable('users', held);
      const members = await bySql.exportTable('users', held, { team });
      const ids = new Set(members.rows.map((row) => row[1]));
      expect([...ids].sort()).toEqual(['alice', 'anon-7', 'carol', 'gina']);
      expect(members.rows.length).toBeLessThan(everyone.rows.length);
      for (const analytics of [bySql, byRows]) {
        await expect(analytics.exportTable('reviews', held, { team })).rejects.toMatchObject({
          code: 'usage_invalid',
        });
      }
    },
    LONG_TEST_MS,
  );

  it.skipIf(!backend.available)(
    'personal and every export, through the analytics',
    async () => {
      const emails = [
        'alice@example.com',
        ' ALICE@example.com ',
        'bob.legacy@example.com',
        'ivy.old@example.com',
        'ivy.new@example.com',
        'gina@example.com',
        'erin@example.com',
        'nobody@example.com',
      ];
      for (const [name, window] of Object.entries(windows)) {
        for (const email of emails) {
          expect(
            figureDifferences(await bySql.personal(window, email), await byRows.personal(window, email)),
            `${name} ${email}`,
          ).toEqual([]);
        }
        for (const kind of ['usage', 'users', 'reviews'] as const) {
          expect(
            figureDifferences(await bySql.exportTable(kind, window), await byRows.exportTable(kind, window)),
            `${name} ${kind}`,
          ).toEqual([]);
        }
      }
      expect(await bySql.personal(held, 'ivy.old@example.com')).toMatchObject({ user: { label: 'Ivy.New' } });
      expect(await bySql.personal(held, 'erin@example.com')).toBeNull();
      expect((await bySql.exportTable('users', held)).rows.length).toBe(rows.length);
      // The users export streams a week of rows at a time: 20 days held, three pages, the same rows.
      const pages = await bySql.exportPages('users', held);
      const sizes: number[] = [];
      const streamed: unknown[] = [];
      for await (const page of pages.pages) {
        sizes.push(page.length);
        streamed.push(...page);
      }
      expect(sizes).toHaveLength(3);
      expect(streamed).toEqual((await byRows.exportTable('users', held)).rows);
    },
    LONG_TEST_MS,
  );
});
