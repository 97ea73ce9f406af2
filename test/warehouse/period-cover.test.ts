/**
 * A span as stored periods (src/warehouse/period-cover.ts): whole months first, whole Monday weeks in
 * what is left, days for the rest — nothing counted twice, nothing left out — and which spans are one
 * stored period (read from the surface sets instead of per user).
 */
import { describe, expect, it } from 'vitest';
import { DAY_SECONDS, type TimeWindow } from '../../src/domain/utc-days.js';
import { coverOf, singlePeriod } from '../../src/warehouse/period-cover.js';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
const span = (from: string, to: string): TimeWindow => ({ start: day(from), end: day(to) });
const iso = (w: TimeWindow) =>
  `${new Date(w.start * 1000).toISOString().slice(0, 10)}..${new Date(w.end * 1000).toISOString().slice(0, 10)}`;

describe('coverOf', () => {
  it('covers 90 days with two whole months, whole weeks beside them and the days left', () => {
    // 2026-08-27 (Thu) .. 2026-11-25: Sep and Oct whole; Nov 2–22 three whole weeks.
    const cover = coverOf(span('2026-08-27', '2026-11-25'));
    expect(cover.month.map(iso)).toEqual(['2026-09-01..2026-11-01']);
    expect(cover.week.map(iso)).toEqual(['2026-11-02..2026-11-23']);
    expect(cover.day.map(iso)).toEqual([
      '2026-08-27..2026-09-01',
      '2026-11-01..2026-11-02',
      '2026-11-23..2026-11-25',
    ]);
  });

  it('uses weeks on both sides when no month is whole, and leaves no gap or overlap', () => {
    const whole = span('2026-02-04', '2026-03-20');
    const cover = coverOf(whole);
    expect(cover.month).toEqual([]);
    expect(cover.week.map(iso)).toEqual(['2026-02-09..2026-03-16']);
    const parts = [...cover.month, ...cover.week, ...cover.day].sort((a, b) => a.start - b.start);
    let at = whole.start;
    for (const part of parts) {
      expect(part.start).toBe(at);
      at = part.end;
    }
    expect(at).toBe(whole.end);
  });

  it('takes a whole year of months as months alone', () => {
    const cover = coverOf(span('2025-12-01', '2026-12-01'));
    expect(cover.month.map(iso)).toEqual(['2025-12-01..2026-12-01']);
    expect([...cover.week, ...cover.day]).toEqual([]);
  });
});

describe('singlePeriod', () => {
  it('knows a day, a whole Monday week and a whole month', () => {
    expect(singlePeriod(span('2026-11-24', '2026-11-25'))).toBe('day');
    expect(
      singlePeriod({ start: day('2026-11-24') + 3600, end: day('2026-11-24') + 3600 + DAY_SECONDS }),
    ).toBe('day');
    expect(singlePeriod(span('2026-11-16', '2026-11-23'))).toBe('week');
    expect(singlePeriod(span('2026-02-01', '2026-03-01'))).toBe('month');
  });

  it('answers null for anything else', () => {
    expect(singlePeriod(span('2026-11-17', '2026-11-24'))).toBeNull(); // seven days from a Tuesday
    expect(singlePeriod(span('2026-11-16', '2026-11-30'))).toBeNull(); // two weeks
    expect(singlePeriod(span('2026-01-01', '2026-03-01'))).toBeNull(); // two months
    expect(singlePeriod(span('2026-02-01', '2026-02-28'))).toBeNull(); // a month less a day
  });
});
