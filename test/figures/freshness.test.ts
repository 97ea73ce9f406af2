import { describe, expect, it } from 'vitest';
import { computeFreshness, isProvisional } from '../../src/figures/freshness.js';
import { at, sec } from './fixture-rows.js';

const lastWeek = { start: sec('2026-03-02'), end: sec('2026-03-09') };

describe('computeFreshness', () => {
  it('needs 12 h after a day ends before the day is complete', () => {
    // Monday 09:00: Sunday ended 9 h ago, so Saturday is the newest complete day.
    expect(computeFreshness(lastWeek, at('2026-03-09T09:00:00')).newestCompleteDay).toBe('2026-03-07');
    expect(computeFreshness(lastWeek, at('2026-03-09T11:59:59')).newestCompleteDay).toBe('2026-03-07');
    expect(computeFreshness(lastWeek, at('2026-03-09T12:00:00')).newestCompleteDay).toBe('2026-03-08');
  });

  it('clamps the newest complete day to the window', () => {
    expect(computeFreshness(lastWeek, at('2026-03-11T10:00:00')).newestCompleteDay).toBe('2026-03-08');
    const running = { start: sec('2026-03-09'), end: sec('2026-03-16') };
    // Wednesday 10:00: Tuesday ended 10 h ago, so only Monday is complete.
    expect(computeFreshness(running, at('2026-03-11T10:00:00')).newestCompleteDay).toBe('2026-03-09');
    expect(computeFreshness(running, at('2026-03-10T11:00:00')).newestCompleteDay).toBeNull();
    expect(computeFreshness({ start: 0, end: 0 }, at('2026-03-10T11:00:00')).newestCompleteDay).toBeNull();
  });

  it('marks a day provisional until 5 days after it ended', () => {
    const f = computeFreshness(lastWeek, at('2026-03-09T09:00:00'));
    expect(f.asOf).toBe('2026-03-09T09:00:00.000Z');
    // now − 5 d = Wed 03-04 09:00: Wednesday (ends Thu 00:00) onwards may still change.
    expect(f.provisionalDays).toEqual(['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    expect(computeFreshness(lastWeek, at('2026-03-11T10:00:00')).provisionalDays).toEqual([
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
    // Sunday 03-08 ended 03-09 00:00; it settles exactly 5 days later.
    expect(computeFreshness(lastWeek, at('2026-03-13T23:59:59')).provisionalDays).toEqual(['2026-03-08']);
    expect(computeFreshness(lastWeek, at('2026-03-14T00:00:00')).provisionalDays).toEqual([]);
  });

  it('treats the running day and days not started yet as provisional', () => {
    const f = computeFreshness(
      { start: sec('2026-03-10'), end: sec('2026-03-13') },
      at('2026-03-11T10:00:00'),
    );
    expect(f.provisionalDays).toEqual(['2026-03-10', '2026-03-11', '2026-03-12']);
    expect(f.newestCompleteDay).toBeNull();
    expect(isProvisional(sec('2026-03-06'), at('2026-03-11T00:00:00'))).toBe(false);
    expect(isProvisional(sec('2026-03-06') + 1, at('2026-03-11T00:00:00'))).toBe(true);
  });
});
