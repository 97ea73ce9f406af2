import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userIdOf } from '../../../src/codex/row-identity.js';
import {
  codeReviewResponseRowSchema,
  codeReviewRowSchema,
  pageEnvelopeSchema,
  usageRowSchema,
} from '../../../src/codex/schemas.js';
import { defaultSurfaceMap } from '../../../src/codex/surface-mapper.js';
import type { RunningSimulator } from '../../../src/dev/simulator/start-simulator.js';
import { allRows, DAY, page, startTestSimulator, TODAY } from './sim-harness.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

const last90 = { start_time: TODAY - 89 * DAY, end_time: TODAY + DAY, limit: 30_000 };

describe('page envelope', () => {
  it('has object, data, has_more and next_page on every endpoint', async () => {
    for (const endpoint of ['usage', 'code_reviews', 'code_review_responses'] as const) {
      const body = await page(sim, endpoint, { limit: 5 });
      expect(Object.keys(body).sort()).toEqual(['data', 'has_more', 'next_page', 'object']);
      expect(body.object).toBe('page');
      expect(body.data).toHaveLength(5);
      expect(body.has_more).toBe(true);
      expect(typeof body.next_page).toBe('string');
      expect(pageEnvelopeSchema.safeParse(body).success).toBe(true);
    }
  });

  it('answers with application/json', async () => {
    const response = await fetch(`${sim.baseUrl}/workspaces/${sim.workspaceId}/usage?limit=1`, {
      headers: { Authorization: `Bearer ${sim.apiKey}` },
    });
    expect(response.headers.get('content-type')).toBe('application/json');
  });
});

describe('rows match the client schemas', () => {
  it('per-user daily and weekly usage rows validate strictly-typed and are time-ordered', async () => {
    for (const group_by of ['day', 'week']) {
      const { rows } = await allRows(sim, 'usage', { ...last90, group_by });
      expect(rows.length).toBeGreaterThan(1000);
      let previous = 0;
      let actorOnly = 0;
      for (const row of rows) {
        const parsed = usageRowSchema.parse(row);
        expect(parsed.actor?.user_id).toMatch(/^user-[0-9A-Za-z]{6}$/);
        // Identity only in actor (no user_id key) on some rows, as real integrators saw (issue 9).
        if (!('user_id' in (row as object))) actorOnly++;
        else expect(parsed.user_id).toBe(parsed.actor?.user_id);
        expect(parsed.start_time).toBeGreaterThanOrEqual(previous);
        previous = parsed.start_time;
        expect(parsed.end_time - parsed.start_time).toBe(group_by === 'day' ? DAY : 7 * DAY);
      }
      expect(actorOnly / rows.length).toBeGreaterThan(0.03);
      expect(actorOnly / rows.length).toBeLessThan(0.3);
    }
  });

  it('workspace usage and both code review endpoints validate', async () => {
    const usage = await page(sim, 'usage', { ...last90, group: 'workspace' });
    expect(usage.data).toHaveLength(90);
    for (const row of usage.data) {
      const parsed = usageRowSchema.parse(row);
      expect(parsed.user_id).toBeNull();
      expect(parsed.actor).toBeNull();
    }
    const reviews = await page(sim, 'code_reviews', last90);
    expect(reviews.data).toHaveLength(90);
    for (const row of reviews.data) codeReviewRowSchema.parse(row);
    const responses = await page(sim, 'code_review_responses', last90);
    expect(responses.data).toHaveLength(90);
    for (const row of responses.data) codeReviewResponseRowSchema.parse(row);
  });
});

describe('realistic data', () => {
  it('has ~15% of users without email, an unknown client_id, models with speeds, and some null tokens', async () => {
    const { rows } = await allRows(sim, 'usage', last90);
    const parsed = rows.map((row) => usageRowSchema.parse(row));
    const users = new Map(parsed.map((r) => [userIdOf(r), r.actor?.email ?? null]));
    const withoutEmail = [...users.values()].filter((email) => email === null).length / users.size;
    expect(withoutEmail).toBeGreaterThan(0.08);
    expect(withoutEmail).toBeLessThan(0.25);

    const clientIds = new Set(parsed.flatMap((r) => r.clients.map((c) => c.client_id)));
    expect(clientIds.has('CODEX_CLI')).toBe(true);
    expect(clientIds.has('CODEX_IDE_VSCODE')).toBe(true);
    // Some items come without a client_id at all (issue 9).
    expect(clientIds.has(null)).toBe(true);
    const unknown = [...clientIds].filter(
      (id) => id !== null && !(id in defaultSurfaceMap) && !id.startsWith('CODEX_IDE_'),
    );
    expect(unknown).toEqual(['CODEX_FUTURE_SURFACE']);

    const models = new Set(parsed.flatMap((r) => r.models.map((m) => `${m.model}/${m.speed}`)));
    expect(models).toEqual(
      new Set(['gpt-5.4/standard', 'gpt-5.4/fast', 'gpt-5.4-mini/standard', 'other/null']),
    );

    const nullTokens = parsed.filter((r) => r.totals.text_total_tokens === null).length;
    expect(nullTokens).toBeGreaterThan(0);
    expect(nullTokens / parsed.length).toBeLessThan(0.05);
  });

  it('keeps tokens consistent with credits: total = sum of parts, mostly cached, clients sum to totals', async () => {
    const { rows } = await allRows(sim, 'usage', { start_time: TODAY - 13 * DAY });
    let cachedHeavier = 0;
    for (const row of rows.map((r) => usageRowSchema.parse(r))) {
      const t = row.totals;
      expect(t.threads).toBeGreaterThan(0);
      expect(t.turns).toBeGreaterThanOrEqual(t.threads);
      // USD-billed rows (issue 9) have credits null (read as 0) and their amount in cost_usd.
      const money = (m: { credits: number; cost_usd?: number | null | undefined }) => m.cost_usd ?? m.credits;
      expect(money(t)).toBeGreaterThan(0);
      const clientThreads = row.clients.reduce((sum, c) => sum + c.threads, 0);
      expect(clientThreads).toBe(t.threads);
      const clientMoney = row.clients.reduce((sum, c) => sum + money(c), 0);
      expect(clientMoney).toBeCloseTo(money(t), 6);
      // Unknown (null) or, on the running day, absent.
      if (t.text_total_tokens == null) continue;
      const parts =
        (t.uncached_text_input_tokens ?? 0) + (t.cached_text_input_tokens ?? 0) + (t.text_output_tokens ?? 0);
      expect(t.text_total_tokens).toBe(parts);
      expect(
        t.text_total_tokens /
          (t.cost_usd === null || t.cost_usd === undefined ? t.credits : t.cost_usd / 0.04),
      ).toBeGreaterThan(5_000);
      if ((t.cached_text_input_tokens ?? 0) > (t.uncached_text_input_tokens ?? 0)) cachedHeavier++;
    }
    expect(cachedHeavier / rows.length).toBeGreaterThan(0.9);
  });

  it('has heavy-tailed credits (a few power users) and more activity on weekdays', async () => {
    const start = TODAY - 28 * DAY; // four whole weeks, Tuesday to Monday
    const { rows } = await allRows(sim, 'usage', { start_time: start, end_time: TODAY });
    const byUser = new Map<string, number>();
    const byWeekday = new Map<number, number>();
    for (const row of rows.map((r) => usageRowSchema.parse(r))) {
      byUser.set(userIdOf(row) ?? '', (byUser.get(userIdOf(row) ?? '') ?? 0) + row.totals.credits);
      const weekday = new Date(row.start_time * 1000).getUTCDay();
      byWeekday.set(weekday, (byWeekday.get(weekday) ?? 0) + 1);
    }
    const credits = [...byUser.values()].sort((a, b) => b - a);
    const total = credits.reduce((a, b) => a + b, 0);
    const top10pct = credits.slice(0, Math.ceil(credits.length / 10)).reduce((a, b) => a + b, 0);
    expect(top10pct / total).toBeGreaterThan(0.3);
    const rowsOn = (days: number[]) => days.reduce((s, d) => s + (byWeekday.get(d) ?? 0), 0) / days.length;
    const weekend = rowsOn([0, 6]);
    const weekday = rowsOn([1, 2, 3, 4, 5]);
    expect(weekday).toBeGreaterThan(2 * weekend);
  });

  it('shows adoption growing and the CLI and desktop shares rising over the last 90 days', async () => {
    const { rows } = await allRows(sim, 'usage', { ...last90, group_by: 'week' });
    const parsed = rows.map((r) => usageRowSchema.parse(r));
    const weekStarts = [...new Set(parsed.map((r) => r.start_time))];
    // First three weeks vs the last three complete ones (the final week is still running).
    const pool = (starts: number[]) => parsed.filter((r) => starts.includes(r.start_time));
    const early = pool(weekStarts.slice(0, 3));
    const late = pool(weekStarts.slice(-4, -1));
    expect(late.length).toBeGreaterThan(2 * early.length);
    // Share of active users who used a surface that week (counts, so one power user cannot swing it).
    const share = (rs: typeof parsed, prefix: string) =>
      rs.filter((r) => r.clients.some((c) => c.client_id?.startsWith(prefix) === true)).length / rs.length;
    expect(share(late, 'CODEX_CLI')).toBeGreaterThan(share(early, 'CODEX_CLI') + 0.05);
    expect(share(late, 'CODEX_DESKTOP')).toBeGreaterThan(share(early, 'CODEX_DESKTOP') + 0.05);
  });
});
