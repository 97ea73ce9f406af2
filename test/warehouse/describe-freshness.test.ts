import { describe, expect, it } from 'vitest';
import { describeFreshness } from '../../src/warehouse/describe-freshness.js';
import type { WarehouseFreshness } from '../../src/warehouse/warehouse.js';
import { sec } from '../figures/fixture-rows.js';

const now = new Date('2026-12-01T12:00:00Z');
const fresh = (lastSyncAt: string | null, dataThrough: number | null): WarehouseFreshness => ({
  lastSyncAt: lastSyncAt === null ? null : new Date(lastSyncAt),
  dataThrough,
  historyStart: null,
  lastRun: null,
});

describe('describeFreshness', () => {
  it('says how long ago the last sync was and the last complete day', () => {
    expect(describeFreshness(fresh('2026-12-01T10:00:00Z', sec('2026-11-29')), now)).toBe(
      'synced 2 h ago · data through Sun 29 Nov',
    );
    expect(describeFreshness(fresh('2026-12-01T11:59:30Z', sec('2026-11-30')), now)).toBe(
      'synced just now · data through Mon 30 Nov',
    );
    expect(describeFreshness(fresh('2026-12-01T11:35:00Z', null), now)).toBe('synced 25 min ago');
    expect(describeFreshness(fresh('2026-11-26T12:00:00Z', sec('2026-11-24')), now)).toBe(
      'synced 5 days ago · data through Tue 24 Nov',
    );
  });

  it('says so before the first sync', () => {
    expect(describeFreshness(fresh(null, null), now)).toBe('not synced yet');
  });
});
