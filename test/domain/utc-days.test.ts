import { describe, expect, it } from 'vitest';
import {
  dayFromIso,
  dayKey,
  enumerateDays,
  isWeekend,
  lastClosedWeek,
  lastCompleteDays,
  previousWeek,
  startOfUtcWeek,
} from '../../src/domain/utc-days.js';
import { at, sec } from '../figures/fixture-rows.js';

// 2026-03-02 is a Monday.
describe('UTC day helpers', () => {
  it('keys a time by its UTC day', () => {
    expect(dayKey(sec('2026-03-04') + 23 * 3600 + 3599)).toBe('2026-03-04');
    expect(dayKey(sec('2026-03-05'))).toBe('2026-03-05');
  });

  it('knows weekends, at any second of the day and before 1970', () => {
    const days = ['2026-12-05', '2026-12-06', '2026-12-07', '1969-12-27', '1969-12-29'];
    expect(days.map((d) => isWeekend(sec(d) + 43_200))).toEqual([true, true, false, true, false]);
  });

  it('finds the Monday 00:00 UTC week start, including before 1970', () => {
    expect(startOfUtcWeek(sec('2026-03-08') + 86_399)).toBe(sec('2026-03-02'));
    expect(startOfUtcWeek(sec('2026-03-09'))).toBe(sec('2026-03-09'));
    expect(startOfUtcWeek(sec('2026-03-04') + 5)).toBe(sec('2026-03-02'));
    expect(startOfUtcWeek(sec('1969-12-31'))).toBe(sec('1969-12-29'));
  });

  it('returns the last closed week, never the running one', () => {
    const closed = { start: sec('2026-03-02'), end: sec('2026-03-09') };
    expect(lastClosedWeek(at('2026-03-11T10:00:00'))).toEqual(closed);
    // Monday 00:00 exactly: the week that just ended is closed.
    expect(lastClosedWeek(at('2026-03-09T00:00:00'))).toEqual(closed);
    // Sunday night: that week is still running.
    expect(lastClosedWeek(at('2026-03-08T23:59:59'))).toEqual({
      start: sec('2026-02-23'),
      end: sec('2026-03-02'),
    });
    expect(previousWeek(closed)).toEqual({ start: sec('2026-02-23'), end: sec('2026-03-02') });
  });

  it('returns the last complete days, ending at 00:00 UTC of the running day', () => {
    expect(lastCompleteDays(at('2026-03-11T10:00:00'), 7)).toEqual({
      start: sec('2026-03-04'),
      end: sec('2026-03-11'),
    });
    expect(lastCompleteDays(at('2026-03-11T00:00:00'), 1)).toEqual({
      start: sec('2026-03-10'),
      end: sec('2026-03-11'),
    });
  });

  it('reads a day key back as its 00:00 UTC', () => {
    expect(dayFromIso('1970-01-02')).toBe(86_400);
    expect(dayFromIso('2026-03-04')).toBe(1_772_582_400);
    expect(dayKey(dayFromIso('1969-12-31'))).toBe('1969-12-31');
  });

  it('enumerates every day overlapping a window', () => {
    expect(enumerateDays({ start: sec('2026-03-07'), end: sec('2026-03-10') })).toEqual([
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
    ]);
    expect(enumerateDays({ start: sec('2026-03-07') + 3600, end: sec('2026-03-08') + 1 })).toEqual([
      '2026-03-07',
      '2026-03-08',
    ]);
    expect(enumerateDays({ start: 10, end: 10 })).toEqual([]);
  });
});
