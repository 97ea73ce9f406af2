/**
 * The two variations integrators saw on the real API (issue 9, part 3): USD-billed usage (credits null,
 * cost_usd set) and a running day whose optional sub-objects and token fields are absent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/dev/simulator/start-simulator.js';
import { allRows, DAY, page, startTestSimulator, TODAY } from './sim-harness.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

type Json = Record<string, unknown>;
const items = (row: Json, key: 'clients' | 'models') => (row[key] ?? []) as Json[];
const TOKEN_KEYS = [
  'uncached_text_input_tokens',
  'cached_text_input_tokens',
  'text_output_tokens',
  'text_total_tokens',
];

describe('USD-billed usage', () => {
  it('gives a seeded few percent of per-user rows credits null and a cost_usd, in totals and every item', async () => {
    const window = { start_time: TODAY - 14 * DAY, end_time: TODAY };
    const rows = (await allRows(sim, 'usage', window)).rows;
    const usd = rows.filter((r) => (r.totals as Json).credits === null);
    expect(usd.length).toBeGreaterThan(rows.length * 0.02);
    expect(usd.length).toBeLessThan(rows.length * 0.1);
    for (const r of usd) {
      for (const m of [r.totals as Json, ...items(r, 'clients'), ...items(r, 'models')]) {
        expect(m.credits).toBeNull();
        expect(typeof m.cost_usd).toBe('number');
      }
    }
    // Credit-billed rows keep credits and no cost_usd.
    for (const r of rows.filter((x) => (x.totals as Json).credits !== null)) {
      expect(typeof (r.totals as Json).credits).toBe('number');
      expect((r.totals as Json).cost_usd).toBeNull();
    }
  });
});

describe('the running day', () => {
  const window = { start_time: TODAY - DAY, end_time: TODAY + DAY, limit: 30_000 };

  it('omits models, code_attribution and token fields on running-day usage rows, keeps them on closed days', async () => {
    const perUser = (await allRows(sim, 'usage', window)).rows;
    const workspace = (await page(sim, 'usage', { ...window, group: 'workspace' })).data;
    const running = [...perUser, ...workspace].filter((r) => r.start_time === TODAY);
    const closed = [...perUser, ...workspace].filter((r) => r.start_time === TODAY - DAY);
    expect(running.length).toBeGreaterThan(1);
    expect(closed.length).toBeGreaterThan(1);
    for (const r of running) {
      expect(r).not.toHaveProperty('models');
      expect(r).not.toHaveProperty('code_attribution');
      for (const m of [r.totals as Json, ...items(r, 'clients')])
        for (const k of TOKEN_KEYS) expect(m).not.toHaveProperty(k);
    }
    for (const r of closed) {
      expect(r).toHaveProperty('models');
      expect(r).toHaveProperty('code_attribution');
      for (const k of TOKEN_KEYS) expect(r.totals).toHaveProperty(k);
    }
  });

  it('omits comment_details, reaction_details and comment_response_details on the running day only', async () => {
    const reviews = (await page(sim, 'code_reviews', window)).data;
    const responses = (await page(sim, 'code_review_responses', window)).data;
    expect(reviews.map((r) => r.start_time)).toEqual([TODAY - DAY, TODAY]);
    expect(reviews[0]).toHaveProperty('comment_details');
    expect(reviews[1]).not.toHaveProperty('comment_details');
    for (const k of ['reaction_details', 'comment_response_details']) {
      expect(responses[0]).toHaveProperty(k);
      expect(responses[1]).not.toHaveProperty(k);
    }
  });
});
