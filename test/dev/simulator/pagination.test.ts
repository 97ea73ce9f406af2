import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/dev/simulator/start-simulator.js';
import { allRows, call, DAY, type EndpointPath, page, startTestSimulator, TODAY } from './sim-harness.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

const window = { start_time: TODAY - 13 * DAY, end_time: TODAY + DAY };

describe('pagination', () => {
  it('collects the same rows with a small limit as with one big page, for every row kind', async () => {
    const cases: [EndpointPath, Record<string, string | number>][] = [
      ['usage', {}],
      ['usage', { group_by: 'week' }],
      ['usage', { group: 'workspace' }],
      ['code_reviews', {}],
      ['code_review_responses', { group_by: 'week' }],
    ];
    for (const [endpoint, extra] of cases) {
      const big = await page(sim, endpoint, { ...window, ...extra, limit: 30_000 });
      expect(big.has_more).toBe(false);
      expect(big.next_page).toBeNull();
      const small = await allRows(sim, endpoint, { ...window, ...extra, limit: 7 });
      expect(small.rows).toEqual(big.data);
      expect(small.pages).toBe(Math.max(1, Math.ceil(big.data.length / 7)));
    }
  });

  it('ends with has_more false and next_page null, and fills every page but the last', async () => {
    const first = await page(sim, 'usage', { ...window, limit: 100 });
    expect(first.data).toHaveLength(100);
    expect(first.has_more).toBe(true);
    const { rows, pages } = await allRows(sim, 'usage', { ...window, limit: 100 });
    expect(pages).toBe(Math.ceil(rows.length / 100));
  });

  it('accepts a changed limit with a cursor (the page size is not part of the query identity)', async () => {
    const first = await page(sim, 'usage', { ...window, limit: 10 });
    const all = await page(sim, 'usage', { ...window, limit: 30 });
    const next = await page(sim, 'usage', { ...window, limit: 20, page: first.next_page ?? '' });
    expect([...first.data, ...next.data]).toEqual(all.data);
  });

  it('rejects a cursor reused with different parameters, or on another endpoint, with 422 on page', async () => {
    const first = await page(sim, 'usage', { ...window, limit: 10 });
    const cursor = first.next_page ?? '';
    const variants: [EndpointPath, Record<string, string | number>][] = [
      ['usage', { ...window, group_by: 'week' }],
      ['usage', { ...window, group: 'workspace' }],
      ['usage', { ...window, start_time: window.start_time + DAY }],
      ['code_reviews', window],
    ];
    for (const [endpoint, params] of variants) {
      const result = await call(sim, endpoint, { ...params, page: cursor });
      expect(result.status).toBe(422);
      const detail = (result.body as { detail: { loc: string[]; type: string }[] }).detail;
      expect(detail[0]?.loc).toEqual(['query', 'page']);
    }
  });

  it('rejects garbage and tampered cursors with 422', async () => {
    const first = await page(sim, 'usage', { ...window, limit: 10 });
    const decoded = JSON.parse(Buffer.from(first.next_page ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const tampered = Buffer.from(JSON.stringify({ ...decoded, u: 10_000_000 })).toString('base64url');
    for (const cursor of ['not-a-cursor', '', 'eyJ2IjoxfQ', tampered]) {
      const result = await call(sim, 'usage', { ...window, page: cursor });
      expect(result.status).toBe(422);
    }
  });
});
