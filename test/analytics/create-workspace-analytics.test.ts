import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestWindow } from '../../src/analytics/digest-window.js';
import { userIdOf } from '../../src/codex/row-identity.js';
import type { RunningSimulator } from '../../src/dev/simulator/start-simulator.js';
import { computeAdoption } from '../../src/figures/adoption.js';
import { computeDigestFigures } from '../../src/figures/digest-figures.js';
import { computeReviewFigures } from '../../src/figures/review-figures.js';
import { computeUsageBreakdown } from '../../src/figures/usage-breakdown.js';
import { rankUsers } from '../../src/figures/user-ranking.js';
import {
  analyticsFor,
  DAY,
  NOW,
  plainUsageRows,
  startTestSimulator,
  surfaceOf,
  TODAY,
} from './analytics-harness.js';

const window = { start: TODAY - 27 * DAY, end: TODAY + DAY };
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startTestSimulator({ users: 40 });
});
afterAll(() => sim.close());

const requests = () => sim.stats().requests;

describe('createWorkspaceAnalytics figures', () => {
  it('usage, ranking and reviews equal a direct computation from the fetched rows', async () => {
    const { analytics, client } = analyticsFor(sim);
    const rows = await plainUsageRows(client, window);
    const query = { startTime: window.start, endTime: window.end, groupBy: 'day' } as const;
    const reviews = await client.fetchAll('code_reviews', query);
    const responses = await client.fetchAll('code_review_responses', query);
    const options = { window, bucket: 'week', surfaceOf, now: NOW } as const;

    const usage = await analytics.usage(window, { bucket: 'week', surface: null });
    expect(usage.adoption).toEqual(computeAdoption(rows, options));
    expect(usage.usage).toEqual(computeUsageBreakdown(rows, options));
    expect(usage.freshness.asOf).toBe(NOW.toISOString());

    const ranking = await analytics.ranking(window, { sortBy: 'credits', surface: 'ide', topN: 5 });
    expect(ranking.ranking).toEqual(
      rankUsers(rows, { window, sortBy: 'credits', surface: 'ide', topN: 5, surfaceOf, now: NOW }),
    );
    const review = await analytics.reviews(window, { bucket: 'day' });
    expect(review.reviews).toEqual(
      computeReviewFigures(reviews, responses, { window, bucket: 'day', now: NOW }),
    );
    await client.close();
  });

  it('with a surface filter, counts only activity on that surface', async () => {
    const { analytics, client } = analyticsFor(sim);
    const rows = await plainUsageRows(client, window);
    const all = computeAdoption(rows, { window, bucket: 'day', surfaceOf, now: NOW });
    const allUsage = computeUsageBreakdown(rows, { window, bucket: 'day', surfaceOf, now: NOW });
    for (const surface of ['cli', 'ide', 'cloud'] as const) {
      const view = await analytics.usage(window, { bucket: 'day', surface });
      expect(view.adoption.activeUsers).toBe(all.bySurface[surface]);
      expect(view.adoption.activeUsers).toBeLessThan(all.activeUsers);
      expect(view.usage.totals.credits).toBeCloseTo(allUsage.bySurface[surface].credits, 6);
      expect(view.usage.totals.threads).toBe(allUsage.bySurface[surface].threads);
      expect(view.usage.byModel).toEqual([]);
    }
    await client.close();
  });

  it('personal matches the actor email case-insensitively and ranks by credits; null for nobody', async () => {
    const { analytics, client } = analyticsFor(sim);
    const rows = await plainUsageRows(client, window);
    const ranking = rankUsers(rows, {
      window,
      sortBy: 'credits',
      surface: null,
      topN: 1000,
      surfaceOf,
      now: NOW,
    });
    const third = ranking.users.find((user, i) => i >= 2 && user.email !== null);
    if (!third?.email) throw new Error('the simulator should give emails');
    const me = await analytics.personal(window, `  ${third.email.toUpperCase()} `);
    expect(me?.user).toEqual(third);
    expect(me?.rank).toBe(ranking.users.indexOf(third) + 1);
    expect(me?.totalUsers).toBe(ranking.totalUsers);
    expect(me?.usage.totals.credits).toBeCloseTo(third.credits, 6);
    expect(await analytics.personal(window, 'nobody@example.com')).toBeNull();
    await client.close();
  });

  it('exports workspace totals per day, per-user rows and reviews per day', async () => {
    const { analytics, client } = analyticsFor(sim);
    const rows = await plainUsageRows(client, window);
    const usage = await analytics.exportTable('usage', window);
    expect(usage.columns.slice(0, 5)).toEqual(['day', 'active_users', 'threads', 'turns', 'credits']);
    const credits = usage.rows.reduce((sum, row) => sum + Number(row[4]), 0);
    expect(credits).toBeCloseTo(
      rows.reduce((sum, row) => sum + row.totals.credits, 0),
      4,
    );
    const users = await analytics.exportTable('users', window);
    expect(users.columns.slice(0, 4)).toEqual(['day', 'user_id', 'user', 'email']);
    // Every per-user row, including those whose identity is only in actor (issue 9).
    expect(users.rows).toHaveLength(rows.filter((row) => userIdOf(row) !== null).length);
    expect(rows.some((row) => row.user_id === null && userIdOf(row) !== null)).toBe(true);
    expect(users.rows[0]?.[3]).toBe(rows[0]?.actor?.email ?? rows[0]?.email);
    const reviews = await analytics.exportTable('reviews', window);
    expect(reviews.rows.length).toBeGreaterThan(20);
    expect(reviews.rows[0]?.[0]).toBe('2026-10-28');
    await client.close();
  });
});

describe('createWorkspaceAnalytics caching', () => {
  it('answers a repeated question from the cache and shares one pull between concurrent callers', async () => {
    const { analytics, client } = analyticsFor(sim);
    const before = requests();
    const options = { sortBy: 'credits', surface: null, topN: 5 } as const;
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => analytics.ranking(window, options)));
    const onePull = requests() - before;
    expect(onePull).toBeGreaterThan(0);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    // A different question on the same window reads the same cached rows.
    await analytics.usage(window, { bucket: 'day', surface: 'cli' });
    await analytics.personal(window, 'x@example.com');
    expect(requests() - before).toBe(onePull);
    await client.close();
  });

  it('refetches once the TTL has passed', async () => {
    const { analytics, client, clock } = analyticsFor(sim, { cacheTtlMs: 60_000 });
    await analytics.reviews(window, { bucket: 'day' });
    const cached = requests();
    clock.advance(59_999);
    await analytics.reviews(window, { bucket: 'day' });
    expect(requests()).toBe(cached);
    clock.advance(1);
    await analytics.reviews(window, { bucket: 'day' });
    expect(requests()).toBe(cached + 2);
    await client.close();
  });

  it('shares one pull between five concurrent digests, equal to a direct computation', async () => {
    const { analytics, client } = analyticsFor(sim);
    const before = requests();
    const digests = await Promise.all([1, 2, 3, 4, 5].map(() => analytics.digest(NOW, { topN: 5 })));
    const fiveCalls = requests() - before;
    for (const digest of digests) expect(digest).toEqual(digests[0]);

    const fresh = analyticsFor(sim);
    const mark = requests();
    await fresh.analytics.digest(NOW, { topN: 5 });
    expect(requests() - mark).toBe(fiveCalls);

    const w = digestWindow(NOW);
    const query = { startTime: w.start, endTime: w.end, groupBy: 'day' } as const;
    const expected = computeDigestFigures({
      usageRows: await plainUsageRows(client, w),
      reviewRows: await client.fetchAll('code_reviews', query),
      responseRows: await client.fetchAll('code_review_responses', query),
      now: NOW,
      surfaceOf,
      topN: 5,
    });
    expect(digests[0]).toEqual(expected);
    // A digest an hour later the same day asks for the same window: no new pull.
    const later = requests();
    await analytics.digest(new Date(NOW.getTime() + 3_600_000), { topN: 5 });
    expect(requests()).toBe(later);
    await Promise.all([client.close(), fresh.client.close()]);
  });
});

describe('createWorkspaceAnalytics workspaces and errors', () => {
  it('never serves one workspace the rows of another', async () => {
    const other = await startTestSimulator({ users: 15, workspaceId: 'ws-other', seed: 'other' });
    try {
      const mine = analyticsFor(sim);
      const theirs = analyticsFor(other);
      const [a, b] = await Promise.all([
        mine.analytics.usage(window, { bucket: 'day', surface: null }),
        theirs.analytics.usage(window, { bucket: 'day', surface: null }),
      ]);
      expect(theirs.analytics.workspaceId).toBe('ws-other');
      expect(a.adoption.activeUsers).toBeGreaterThan(15);
      expect(b.adoption.activeUsers).toBeLessThanOrEqual(15);
      const direct = computeAdoption(await plainUsageRows(theirs.client, window), {
        window,
        bucket: 'day',
        surfaceOf,
        now: NOW,
      });
      expect(b.adoption).toEqual(direct);
      await Promise.all([mine.client.close(), theirs.client.close()]);
    } finally {
      await other.close();
    }
  });

  it('propagates API errors with their codes and never caches them', async () => {
    const { analytics, client } = analyticsFor(sim);
    sim.failNext({ status: 429, count: 1, retryAfterSeconds: 1 });
    await expect(analytics.reviews(window, { bucket: 'day' })).rejects.toMatchObject({
      code: 'codex_rate_limited',
    });
    const review = await analytics.reviews(window, { bucket: 'day' });
    expect(review.reviews.prsReviewed).toBeGreaterThan(0);

    sim.failNext({ status: 503, count: 1 });
    await expect(analytics.usage(window, { bucket: 'day', surface: null })).rejects.toMatchObject({
      code: 'codex_unavailable',
    });
    const before = requests();
    await analytics.usage(window, { bucket: 'day', surface: null });
    expect(requests()).toBeGreaterThan(before);

    const tooOld = { start: TODAY - 120 * DAY, end: TODAY };
    await expect(
      analytics.ranking(tooOld, { sortBy: 'credits', surface: null, topN: 3 }),
    ).rejects.toMatchObject({
      code: 'codex_window_invalid',
    });
    // A key for another workspace: refused, with the auth code, and the next ask tries again.
    const stranger = analyticsFor(sim, { workspaceId: 'ws-stranger' });
    for (let attempt = 0; attempt < 2; attempt++) {
      const asked = requests();
      await expect(stranger.analytics.digest(NOW, { topN: 3 })).rejects.toMatchObject({
        code: 'codex_not_found',
      });
      expect(requests()).toBeGreaterThan(asked);
    }
    await Promise.all([client.close(), stranger.client.close()]);
  });

  it('stops waiting when the caller aborts, without failing other callers of the same pull', async () => {
    const { analytics, client } = analyticsFor(sim);
    const controller = new AbortController();
    const aborted = analytics.usage(window, { bucket: 'day', surface: null, signal: controller.signal });
    const other = analytics.usage(window, { bucket: 'day', surface: null });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect((await other).adoption.activeUsers).toBeGreaterThan(0);
    await client.close();
  });
});
