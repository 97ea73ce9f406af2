/**
 * The nudge record (issue 12) on both engines: a claim wins once per period, concurrent claims for one
 * person have exactly one winner (two replicas clicking Send at once), a released claim frees the person,
 * and the record outlives a reopen.
 */
import { describe, expect, it } from 'vitest';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { warehouseEachTest } from '../helpers/warehouse-each-test.js';
import { backends } from './warehouse-backends.js';

const DAY = 86_400_000;
const t0 = new Date('2026-11-24T10:00:00Z');
const at = (days: number) => new Date(t0.getTime() + days * DAY);
/** "Nudged in the 30 days before `now`" is what a claim at `now` must not overlap. */
const since = (now: Date) => new Date(now.getTime() - 30 * DAY);

describe.each(backends())('warehouse nudges on $kind', (backend) => {
  let warehouse: Warehouse;
  const { reopen } = warehouseEachTest(backend, (opened) => {
    warehouse = opened;
  });

  const claim = (user: string, when: Date, by = 'UADMIN') =>
    warehouse.nudges.claim({ slackUserId: user, at: when, sentBy: by }, since(when));

  it.skipIf(!backend.available)('lets a person be claimed once per 30 days', async () => {
    expect(await claim('U1', at(0))).toBe(true);
    await warehouse.nudges.markSent('U1', at(0));
    expect(await claim('U1', at(0))).toBe(false);
    expect(await claim('U1', at(29.99))).toBe(false);
    expect(await claim('U2', at(1))).toBe(true);
    expect([...(await warehouse.nudges.nudgedSince(since(at(1))))].sort()).toEqual(['U1', 'U2']);
    expect(await claim('U1', at(30))).toBe(true);
    // Reopened: the record is in the warehouse, not in memory.
    await warehouse.close();
    warehouse = await reopen();
    expect(await claim('U1', at(45))).toBe(false);
    expect([...(await warehouse.nudges.nudgedSince(since(at(61))))]).toEqual([]);
  });

  it.skipIf(!backend.available)('gives concurrent claims for one person exactly one winner', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => claim('U7', at(0), `UADMIN${i}`)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it.skipIf(!backend.available)('frees a person whose claim is released (the DM failed)', async () => {
    expect(await claim('U3', at(0))).toBe(true);
    await warehouse.nudges.release('U3', at(0));
    expect(await warehouse.nudges.nudgedSince(since(at(0)))).toEqual(new Set());
    expect(await claim('U3', at(0.5))).toBe(true);
    // Releasing an older claim does not drop the newer one.
    await warehouse.nudges.release('U3', at(0));
    expect(await claim('U3', at(1))).toBe(false);
  });
});
