import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userIdOf } from '../../../src/codex/row-identity.js';
import { usageRowSchema } from '../../../src/codex/schemas.js';
import type { RunningSimulator } from '../../../src/dev/simulator/start-simulator.js';
import { DAY, page, startTestSimulator, TODAY } from './sim-harness.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator({ users: 50_000 });
});
afterAll(() => sim.close());

const window = { start_time: TODAY - 89 * DAY, end_time: TODAY + DAY };

/** A cursor pointing into the middle of the walk, built the way the simulator encodes its own. */
async function cursorAt(bucketDay: number, user: number): Promise<string> {
  const first = await page(sim, 'usage', { ...window, limit: 1 });
  const decoded = JSON.parse(Buffer.from(first.next_page ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;
  return Buffer.from(JSON.stringify({ ...decoded, b: bucketDay, u: user })).toString('base64url');
}

describe('50,000 users × 90 days', () => {
  it('serves full pages from the middle of the walk without materialising the dataset', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const middleDay = TODAY / DAY - 45;
    let cursor = await cursorAt(middleDay, 25_000);
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const body = await page(sim, 'usage', { ...window, limit: 1000, page: cursor });
      expect(body.data).toHaveLength(1000);
      expect(body.has_more).toBe(true);
      for (const row of body.data) {
        const parsed = usageRowSchema.parse(row);
        expect(parsed.start_time).toBeGreaterThanOrEqual(middleDay * DAY);
        seen.add(`${userIdOf(parsed)}@${parsed.start_time}`);
      }
      cursor = body.next_page ?? '';
    }
    expect(seen.size).toBe(5000); // no duplicates across pages
    // The test process also holds the parsed pages; the simulator itself keeps only lazily built profiles.
    const grownMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    expect(grownMb).toBeLessThan(200);
  });

  it('reaches the last bucket and ends there', async () => {
    const body = await page(sim, 'usage', {
      ...window,
      limit: 30_000,
      page: await cursorAt(TODAY / DAY, 40_000),
    });
    expect(body.data.length).toBeGreaterThan(100);
    expect(body.has_more).toBe(false);
    expect(body.next_page).toBeNull();
    expect(body.data.every((row) => row.start_time === TODAY)).toBe(true);
  });

  it('scales workspace-level reviews with the user count', async () => {
    const big = await page(sim, 'code_reviews', { start_time: TODAY - 7 * DAY, end_time: TODAY });
    const small = await startTestSimulator({ users: 200 });
    try {
      const few = await page(small, 'code_reviews', { start_time: TODAY - 7 * DAY, end_time: TODAY });
      const sum = (rows: Record<string, unknown>[]) =>
        rows.reduce((s, r) => s + (r.pull_request_reviews as number), 0);
      expect(sum(big.data)).toBeGreaterThan(100 * sum(few.data));
    } finally {
      await small.close();
    }
  });
});
