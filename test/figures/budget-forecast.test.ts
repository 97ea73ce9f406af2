import { describe, expect, it } from 'vitest';
import { DAY_SECONDS, isWeekend } from '../../src/domain/utc-days.js';
import { forecastBudget } from '../../src/figures/budget-forecast.js';
import { sec } from './fixture-rows.js';

const DECEMBER = { start: sec('2026-12-01'), end: sec('2027-01-01') };

/** 100 on weekdays and 10 on weekend days, for every day in [from, to). */
function amounts(from: string, to: string, weekday = 100, weekend = 10) {
  const days = [];
  for (let day = sec(from); day < sec(to); day += DAY_SECONDS) {
    days.push({ day, amount: isWeekend(day) ? weekend : weekday });
  }
  return days;
}

describe('budget forecast', () => {
  it('forecasts the remaining weekdays and weekend days at their own rates', () => {
    // Tue 1 – Mon 7 Dec closed: 5 weekdays and a weekend, 520. Left: 18 weekdays, 6 weekend days.
    const forecast = forecastBudget({
      month: DECEMBER,
      closedThrough: sec('2026-12-08'),
      daily: amounts('2026-11-10', '2026-12-08'),
      budget: 2000,
    });
    expect(forecast).toMatchObject({
      spent: 520,
      spentShare: 0.26,
      forecast: 520 + 18 * 100 + 6 * 10,
      rates: { weekday: 100, weekend: 10 },
      closedDays: 7,
      remainingDays: 24,
    });
    // 520 + 100 a weekday, 10 a weekend day, passes 2,000 on Mon 28 Dec (Fri 25 leaves it at 1,960).
    expect(forecast.crossesOn).toBe(sec('2026-12-28'));
    expect(forecast.forecastShare).toBeCloseTo(1.19, 10);
  });

  it('does not cross a budget the forecast stays under', () => {
    const forecast = forecastBudget({
      month: DECEMBER,
      closedThrough: sec('2026-12-08'),
      daily: amounts('2026-11-10', '2026-12-08'),
      budget: 5000,
    });
    expect(forecast.crossesOn).toBeNull();
    expect(forecast.forecastShare).toBeCloseTo(0.476, 10);
  });

  it('names the closed day a budget was already passed on', () => {
    const forecast = forecastBudget({
      month: DECEMBER,
      closedThrough: sec('2026-12-08'),
      daily: amounts('2026-11-10', '2026-12-08'),
      budget: 250,
    });
    // 100, 200, 300: passed on Thu 3 Dec.
    expect(forecast.crossesOn).toBe(sec('2026-12-03'));
    expect(forecast.spentShare).toBeCloseTo(2.08, 10);
  });

  it('takes its rates only from the days since history starts', () => {
    // Three weeks of history: the days before it are unknown, not zero.
    const forecast = forecastBudget({
      month: DECEMBER,
      closedThrough: sec('2026-12-08'),
      daily: amounts('2026-11-17', '2026-12-08'),
      budget: 2000,
    });
    expect(forecast.rates).toEqual({ weekday: 100, weekend: 10 });
  });

  it('does not forecast from under a week of history', () => {
    const forecast = forecastBudget({
      month: DECEMBER,
      closedThrough: sec('2026-12-04'),
      daily: amounts('2026-12-01', '2026-12-04'),
      budget: 2000,
    });
    expect(forecast).toMatchObject({
      spent: 300,
      forecast: null,
      forecastShare: null,
      rates: null,
      crossesOn: null,
    });
  });

  it('counts days without rows as nothing spent, in the month and in the baseline', () => {
    // History starts Tue 10 Nov (a day with nothing spent); after it only Mondays carry usage, so the
    // weekday rate is a fifth of a Monday's.
    const mondays = amounts('2026-11-10', '2026-12-08').filter(
      (d) => new Date(d.day * 1000).getUTCDay() === 1,
    );
    const forecast = forecastBudget({
      month: DECEMBER,
      closedThrough: sec('2026-12-08'),
      daily: [{ day: sec('2026-11-10'), amount: 0 }, ...mondays],
      budget: 2000,
    });
    expect(forecast.spent).toBe(100);
    expect(forecast.rates?.weekend).toBe(0);
    expect(forecast.rates?.weekday).toBeCloseTo(400 / 20, 10);
  });
});
