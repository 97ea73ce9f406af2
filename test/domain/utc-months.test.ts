import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/domain/utc-days.js';
import {
  addMonths,
  civilFromDays,
  lastClosedMonths,
  lastClosedPeriod,
  monthIndex,
  periodContaining,
  previousPeriod,
  sameWindowYearEarlier,
  startOfUtcMonth,
  startOfUtcQuarter,
} from '../../src/domain/utc-months.js';
import { at, sec } from '../figures/fixture-rows.js';

const span = (a: string, b: string) => ({ start: sec(a), end: sec(b) });

describe('UTC months and quarters', () => {
  it('finds the first of the month, on the last second of a month and across a year end', () => {
    expect(startOfUtcMonth(sec('2026-11-30') + 86_399)).toBe(sec('2026-11-01'));
    expect(startOfUtcMonth(sec('2026-12-01'))).toBe(sec('2026-12-01'));
    expect(startOfUtcMonth(sec('2027-01-01') - 1)).toBe(sec('2026-12-01'));
    expect(startOfUtcMonth(sec('1969-12-31'))).toBe(sec('1969-12-01'));
  });

  it('finds calendar quarter starts', () => {
    expect(startOfUtcQuarter(sec('2026-12-31'))).toBe(sec('2026-10-01'));
    expect(startOfUtcQuarter(sec('2026-10-01'))).toBe(sec('2026-10-01'));
    expect(startOfUtcQuarter(sec('2026-09-30'))).toBe(sec('2026-07-01'));
    expect(startOfUtcQuarter(sec('2028-02-29'))).toBe(sec('2028-01-01'));
    expect(startOfUtcQuarter(sec('1969-11-15'))).toBe(sec('1969-10-01'));
  });

  it('has February of 29 days in leap years only (2028, 2000) and 28 otherwise (2026, 2100)', () => {
    expect(periodContaining(sec('2028-02-10'), 'month')).toEqual(span('2028-02-01', '2028-03-01'));
    expect(periodContaining(sec('2028-02-29'), 'month').end - sec('2028-02-01')).toBe(29 * 86_400);
    expect(periodContaining(sec('2026-02-10'), 'month').end - sec('2026-02-01')).toBe(28 * 86_400);
    expect(periodContaining(sec('2000-02-10'), 'month').end - sec('2000-02-01')).toBe(29 * 86_400);
    expect(periodContaining(sec('2100-02-10'), 'month').end - sec('2100-02-01')).toBe(28 * 86_400);
  });

  it('gives whole quarters of 90, 91 and 92 days', () => {
    expect(periodContaining(sec('2026-02-01'), 'quarter')).toEqual(span('2026-01-01', '2026-04-01'));
    expect(periodContaining(sec('2028-02-01'), 'quarter')).toEqual(span('2028-01-01', '2028-04-01'));
    expect(periodContaining(sec('2026-11-20'), 'quarter')).toEqual(span('2026-10-01', '2027-01-01'));
  });

  it('returns the last closed month and quarter, never the running one', () => {
    expect(lastClosedPeriod(at('2026-12-07T10:00:00'), 'month')).toEqual(span('2026-11-01', '2026-12-01'));
    expect(lastClosedPeriod(at('2027-01-01T00:00:00'), 'month')).toEqual(span('2026-12-01', '2027-01-01'));
    expect(lastClosedPeriod(at('2027-01-15T08:00:00'), 'quarter')).toEqual(span('2026-10-01', '2027-01-01'));
    expect(lastClosedPeriod(at('2026-12-31T23:59:59'), 'quarter')).toEqual(span('2026-07-01', '2026-10-01'));
  });

  it('steps back to the previous period across year ends', () => {
    expect(previousPeriod(span('2027-01-01', '2027-02-01'), 'month')).toEqual(
      span('2026-12-01', '2027-01-01'),
    );
    expect(previousPeriod(span('2027-01-01', '2027-04-01'), 'quarter')).toEqual(
      span('2026-10-01', '2027-01-01'),
    );
    expect(previousPeriod(span('2028-03-01', '2028-04-01'), 'month')).toEqual(
      span('2028-02-01', '2028-03-01'),
    );
  });

  it('finds the same period a year earlier, leap February included', () => {
    expect(sameWindowYearEarlier(span('2026-11-01', '2026-12-01'))).toEqual(span('2025-11-01', '2025-12-01'));
    expect(sameWindowYearEarlier(span('2028-02-01', '2028-03-01'))).toEqual(span('2027-02-01', '2027-03-01'));
    expect(sameWindowYearEarlier(span('2027-10-01', '2028-01-01'))).toEqual(span('2026-10-01', '2027-01-01'));
  });

  it('counts closed months back for 6m and 12m', () => {
    expect(lastClosedMonths(at('2026-12-07T10:00:00'), 6)).toEqual(span('2026-06-01', '2026-12-01'));
    expect(lastClosedMonths(at('2027-01-03T10:00:00'), 12)).toEqual(span('2026-01-01', '2027-01-01'));
  });

  it('adds months across year ends both ways', () => {
    expect(addMonths(sec('2026-11-01'), 3)).toBe(sec('2027-02-01'));
    expect(addMonths(sec('2026-01-01'), -13)).toBe(sec('2024-12-01'));
  });

  it('agrees with Date on every day of 1968–2032', () => {
    for (let day = dayNumber(sec('1968-01-01')); day < dayNumber(sec('2033-01-01')); day++) {
      const date = new Date(day * 86_400_000);
      const civil = civilFromDays(day);
      expect([civil.year, civil.month, civil.day]).toEqual([
        date.getUTCFullYear(),
        date.getUTCMonth() + 1,
        date.getUTCDate(),
      ]);
      expect(monthIndex(day * 86_400)).toBe((date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth());
    }
  });
});
