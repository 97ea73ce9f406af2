import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userIdOf } from '../../../src/codex/row-identity.js';
import {
  codeReviewResponseRowSchema,
  codeReviewRowSchema,
  type UsageRow,
  usageRowSchema,
} from '../../../src/codex/schemas.js';
import type { RunningSimulator } from '../../../src/dev/simulator/start-simulator.js';
import { allRows, DAY, page, startTestSimulator, TODAY } from './sim-harness.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

/** Monday 2026-08-31 and the Monday 2026-11-23 that contains TODAY: twelve whole weeks, then a partial one. */
const FIRST_MONDAY = TODAY - 85 * DAY;
const weeksWindow = { start_time: FIRST_MONDAY, end_time: TODAY + DAY, limit: 30_000 };

/** True for a bucket holding the running day (TODAY at NOW): its optional fields are absent (issue 9). */
const isRunning = (row: Record<string, unknown>) =>
  (row.start_time as number) <= TODAY && TODAY < (row.end_time as number);
/** Money in whole cents, so sums compare exactly (credits and USD have two decimals). */
const cents = (value: number | null | undefined) => Math.round((value ?? 0) * 100);
const OPTIONAL = {
  code_reviews: ['comment_details'],
  code_review_responses: ['reaction_details', 'comment_response_details'],
} as const;

const numericLeaves = (value: unknown, prefix = ''): Record<string, number> => {
  const out: Record<string, number> = {};
  if (typeof value === 'number') out[prefix] = value;
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value))
      Object.assign(out, numericLeaves(v, prefix ? `${prefix}.${k}` : k));
  }
  return out;
};

describe('buckets', () => {
  it('defaults to the last 30 days ending today (UTC), today included', async () => {
    const body = await page(sim, 'code_reviews');
    expect(body.data).toHaveLength(30);
    expect(body.data[0]?.start_time).toBe(TODAY - 29 * DAY);
    expect(body.data.at(-1)?.start_time).toBe(TODAY);
    const usage = await page(sim, 'usage', { group: 'workspace' });
    expect(usage.data.map((r) => r.start_time)).toEqual(body.data.map((r) => r.start_time));
  });

  it('aligns week buckets to Monday 00:00 UTC, even for a mid-week start_time', async () => {
    const body = await page(sim, 'code_reviews', { group_by: 'week', start_time: TODAY - 40 * DAY + 3600 });
    expect(body.data.length).toBeGreaterThan(5);
    for (const row of body.data) {
      const start = new Date((row.start_time as number) * 1000);
      expect(start.getUTCDay()).toBe(1);
      expect(start.getUTCHours()).toBe(0);
      expect(row.end_time).toBe((row.start_time as number) + 7 * DAY);
    }
  });

  it('never returns days after today (the running day is partial) or buckets outside the window', async () => {
    const body = await page(sim, 'usage', {
      group: 'workspace',
      start_time: TODAY - 2 * DAY,
      end_time: TODAY + 30 * DAY,
    });
    const rows = body.data.map((r) => usageRowSchema.parse(r));
    expect(rows.map((r) => r.start_time)).toEqual([TODAY - 2 * DAY, TODAY - DAY, TODAY]);
    // 10:00 with a 2 h lag shows a third of the day: today is well below yesterday (a Monday).
    const [, monday, today] = rows.map((r) => r.totals.threads);
    expect(today).toBeLessThan((monday ?? 0) * 0.6);
    expect(today).toBeGreaterThan(0);
  });

  it('makes each week row the sum of its day rows (reviews, responses, per-user and workspace usage)', async () => {
    for (const endpoint of ['code_reviews', 'code_review_responses'] as const) {
      const days = (await page(sim, endpoint, weeksWindow)).data;
      const weeks = (await page(sim, endpoint, { ...weeksWindow, group_by: 'week' })).data;
      expect(weeks).toHaveLength(13);
      for (const week of weeks) {
        const inWeek = days.filter(
          (d) =>
            (d.start_time as number) >= (week.start_time as number) &&
            (d.end_time as number) <= (week.end_time as number),
        );
        const sums: Record<string, number> = {};
        for (const day of inWeek) {
          for (const [k, v] of Object.entries(numericLeaves(day)))
            if (!k.endsWith('_time')) sums[k] = (sums[k] ?? 0) + v;
        }
        const { start_time: _s, end_time: _e, ...weekCounts } = numericLeaves(week);
        for (const k of OPTIONAL[endpoint]) {
          if (isRunning(week)) expect(week).not.toHaveProperty(k);
          else expect(week).toHaveProperty(k);
        }
        // A running week has no optional sub-objects: every field it does have is the exact day sum,
        // and the fields it lacks are exactly the optional ones.
        const present = Object.fromEntries(Object.keys(weekCounts).map((k) => [k, sums[k]]));
        expect(weekCounts).toEqual(present);
        const missing = Object.keys(sums).filter((k) => !(k in weekCounts));
        if (isRunning(week)) expect(missing.length).toBeGreaterThan(0);
        else expect(missing).toEqual([]);
        for (const k of missing) expect(OPTIONAL[endpoint].some((o) => k.startsWith(`${o}.`))).toBe(true);
      }
    }

    const perUserDays = (await allRows(sim, 'usage', weeksWindow)).rows.map((r) => usageRowSchema.parse(r));
    const perUserWeeks = (await allRows(sim, 'usage', { ...weeksWindow, group_by: 'week' })).rows.map((r) =>
      usageRowSchema.parse(r),
    );
    const key = (r: UsageRow, start: number) => `${userIdOf(r)}@${start}`;
    const summed = new Map<
      string,
      { threads: number; turns: number; credits: number; usd: number; tokens: number }
    >();
    for (const d of perUserDays) {
      const monday = d.start_time - ((new Date(d.start_time * 1000).getUTCDay() + 6) % 7) * DAY;
      const s = summed.get(key(d, monday)) ?? { threads: 0, turns: 0, credits: 0, usd: 0, tokens: 0 };
      s.threads += d.totals.threads;
      s.turns += d.totals.turns;
      s.credits += cents(d.totals.credits);
      s.usd += cents(d.totals.cost_usd);
      s.tokens += d.totals.text_total_tokens ?? 0;
      summed.set(key(d, monday), s);
    }
    expect(perUserWeeks).toHaveLength(summed.size);
    for (const w of perUserWeeks) {
      const s = summed.get(key(w, w.start_time));
      expect(s).toBeDefined();
      expect(w.totals.threads).toBe(s?.threads);
      expect(w.totals.turns).toBe(s?.turns);
      expect(cents(w.totals.credits)).toBe(s?.credits);
      expect(cents(w.totals.cost_usd)).toBe(s?.usd);
      // The running week has no token fields; closed weeks sum their days' known tokens.
      if (w.start_time + 7 * DAY > TODAY)
        expect(w.totals.text_total_tokens).toBeNull(); // absent, read as null
      else expect(w.totals.text_total_tokens ?? 0).toBe(s?.tokens);
    }

    const wsDays = (await page(sim, 'usage', { ...weeksWindow, group: 'workspace' })).data.map((r) =>
      usageRowSchema.parse(r),
    );
    const wsWeeks = (
      await page(sim, 'usage', { ...weeksWindow, group: 'workspace', group_by: 'week' })
    ).data.map((r) => usageRowSchema.parse(r));
    for (const w of wsWeeks) {
      const inWeek = wsDays.filter((d) => d.start_time >= w.start_time && d.end_time <= w.end_time);
      expect(w.totals.turns).toBe(inWeek.reduce((s, d) => s + d.totals.turns, 0));
      expect(cents(w.totals.credits)).toBe(inWeek.reduce((s, d) => s + cents(d.totals.credits), 0));
      expect(cents(w.totals.cost_usd)).toBe(inWeek.reduce((s, d) => s + cents(d.totals.cost_usd), 0));
    }
  });

  it('makes a workspace row the sum of the per-user rows of its bucket', async () => {
    const window = { start_time: TODAY - 20 * DAY, end_time: TODAY + DAY };
    const users = (await allRows(sim, 'usage', window)).rows.map((r) => usageRowSchema.parse(r));
    const raw = (await page(sim, 'usage', { ...window, group: 'workspace' })).data;
    const workspace = raw.map((r) => usageRowSchema.parse(r));
    expect(workspace).toHaveLength(21);
    let usdDays = 0;
    for (const [i, ws] of workspace.entries()) {
      const rows = users.filter((u) => u.start_time === ws.start_time);
      expect(ws.totals.threads).toBe(rows.reduce((s, r) => s + r.totals.threads, 0));
      expect(ws.totals.turns).toBe(rows.reduce((s, r) => s + r.totals.turns, 0));
      // Workspace credits sum the per-user rows' non-null credits (USD-billed rows have credits null,
      // read as 0), and workspace cost_usd sums their USD: exact to the cent.
      expect(cents(ws.totals.credits)).toBe(rows.reduce((s, r) => s + cents(r.totals.credits), 0));
      const usd = rows.reduce((s, r) => s + cents(r.totals.cost_usd), 0);
      usdDays += usd > 0 ? 1 : 0;
      expect(cents(ws.totals.cost_usd)).toBe(usd);
      expect(ws.totals.cost_usd === null).toBe(usd === 0);
      const row = raw[i] ?? {};
      if (isRunning(row)) {
        expect(row).not.toHaveProperty('code_attribution');
        expect(row).not.toHaveProperty('models');
      } else {
        expect(ws.code_attribution?.lines_added).toBe(
          rows.reduce((s, r) => s + (r.code_attribution?.lines_added ?? 0), 0),
        );
      }
      const cli = (rs: UsageRow[]) => rs.flatMap((r) => r.clients).filter((c) => c.client_id === 'CODEX_CLI');
      expect(cli([ws]).reduce((s, c) => s + c.turns, 0)).toBe(cli(rows).reduce((s, c) => s + c.turns, 0));
    }
    expect(usdDays).toBeGreaterThan(10);
  });
});

describe('code review invariants', () => {
  it('hold on every day and week bucket of the 90-day window', async () => {
    const window = { start_time: TODAY - 89 * DAY, end_time: TODAY + DAY };
    for (const group_by of ['day', 'week']) {
      const rawReviews = (await page(sim, 'code_reviews', { ...window, group_by })).data;
      const rawResponses = (await page(sim, 'code_review_responses', { ...window, group_by })).data;
      const reviews = rawReviews.map((r) => codeReviewRowSchema.parse(r));
      const responses = rawResponses.map((r) => codeReviewResponseRowSchema.parse(r));
      expect(responses.length).toBe(reviews.length);
      expect(reviews.reduce((s, r) => s + r.pull_request_reviews, 0)).toBeGreaterThan(100);
      let differing = 0;
      for (const [i, r] of reviews.entries()) {
        const x = responses[i];
        expect(x?.start_time).toBe(r.start_time);
        // The running bucket lacks the detail objects (issue 9); closed buckets always have them.
        if (isRunning(r)) {
          expect(rawReviews[i]).not.toHaveProperty('comment_details');
          expect(rawResponses[i]).not.toHaveProperty('reaction_details');
          expect(rawResponses[i]).not.toHaveProperty('comment_response_details');
          continue;
        }
        const d = r.comment_details;
        expect(d && d.p0 + d.p1 + d.p2).toBe(r.comments);
        if (!x?.reaction_details || !x.comment_response_details)
          throw new Error(`response row ${i} incomplete`);
        // Responses follow merged PRs: their own counts, same order of magnitude (contract, issue 9).
        if (x.comments !== r.comments) differing++;
        expect(x.comments).toBeLessThanOrEqual(Math.ceil(r.comments * 1.2) + 1);
        expect(x.pull_request_reviews).toBeLessThanOrEqual(Math.ceil(r.pull_request_reviews * 1.2) + 1);
        const reactions = x.reaction_details;
        const c = x.comment_response_details;
        expect(reactions.upvotes + reactions.downvotes + reactions.other).toBe(x.reactions);
        expect(c.engaged).toBeGreaterThanOrEqual(Math.max(c.reacted, c.replied));
        expect(c.engaged).toBeLessThanOrEqual(Math.min(x.comments, c.reacted + c.replied));
        expect(c.upvoted).toBeLessThanOrEqual(reactions.upvotes);
        expect(c.downvoted).toBeLessThanOrEqual(reactions.downvotes);
        expect(c.replied).toBeLessThanOrEqual(x.replies);
      }
      expect(differing).toBeGreaterThan(reviews.length / 2);
    }
  });
});
