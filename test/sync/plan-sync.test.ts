import { describe, expect, it } from 'vitest';
import { earliestStartSeconds } from '../../src/codex/validate-window.js';
import { planSync } from '../../src/sync/plan-sync.js';
import { DAY, sec } from '../figures/fixture-rows.js';

const now = new Date('2026-11-24T10:00:00Z');
const today = sec('2026-11-24');

describe('planSync', () => {
  it('backfills the whole lookback through the running day before any successful run', () => {
    expect(planSync({ now, lastSuccess: null, trailingDays: 5 })).toEqual({
      kind: 'backfill',
      window: { start: earliestStartSeconds(now), end: today + DAY },
    });
    expect(earliestStartSeconds(now)).toBe(today - 90 * DAY);
  });

  it('re-pulls the trailing days before the last run’s running day, through today', () => {
    const lastSuccess = { start: today - 90 * DAY, end: today + DAY };
    expect(planSync({ now, lastSuccess, trailingDays: 5 })).toEqual({
      kind: 'incremental',
      window: { start: today - 5 * DAY, end: today + DAY },
    });
    // Only the running day.
    expect(planSync({ now, lastSuccess, trailingDays: 0 }).window).toEqual({
      start: today,
      end: today + DAY,
    });
  });

  it('never reaches before the lookback, however long nothing synced', () => {
    const lastSuccess = { start: today - 200 * DAY, end: today - 110 * DAY };
    expect(planSync({ now, lastSuccess, trailingDays: 5 }).window.start).toBe(earliestStartSeconds(now));
  });

  it('treats a last run dated after now (a clock moved back) as today', () => {
    const lastSuccess = { start: today, end: today + 10 * DAY };
    expect(planSync({ now, lastSuccess, trailingDays: 2 }).window).toEqual({
      start: today - 2 * DAY,
      end: today + DAY,
    });
  });
});
