import { describe, expect, it } from 'vitest';
import {
  checkBucketFits,
  defaultBucket,
  defaultWindow,
  looksLikeRange,
  parseRange,
} from '../../../commands/args/parse-range.js';
import { UsageError } from '../../../src/errors.js';

// Tuesday: this week began Monday 23 Nov, last week is Mon 16 .. Mon 23 Nov.
const now = new Date('2026-11-24T10:00:00Z');
const s = (iso: string) => Date.parse(iso) / 1000;
const nowSeconds = s('2026-11-24T10:00:00Z');

function rangeError(token: string, at: Date = now): string {
  try {
    parseRange(token, at);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`expected ${token} to be rejected`);
}

describe('default window', () => {
  it('is the last 7 complete UTC days, ending at 00:00 today', () => {
    expect(defaultWindow(now)).toEqual({
      start: s('2026-11-17T00:00:00Z'),
      end: s('2026-11-24T00:00:00Z'),
      label: 'last 7 days (17–23 Nov)',
      running: false,
    });
  });

  it('does not depend on the time of day', () => {
    expect(defaultWindow(new Date('2026-11-24T00:00:00Z'))).toEqual(
      defaultWindow(new Date('2026-11-24T23:59:59Z')),
    );
  });
});

describe('Nd', () => {
  it.each([
    ['7d', '2026-11-17', 'last 7 days (17–23 Nov)'],
    ['14d', '2026-11-10', 'last 14 days (10–23 Nov)'],
    ['30d', '2026-10-25', 'last 30 days (25 Oct–23 Nov)'],
    ['90d', '2026-08-26', 'last 90 days (26 Aug–23 Nov)'],
    ['1d', '2026-11-23', 'yesterday (23 Nov)'],
    ['45D', '2026-10-10', 'last 45 days (10 Oct–23 Nov)'],
  ])('%s covers the last complete days', (token, startDay, label) => {
    expect(parseRange(token, now)).toEqual({
      start: s(`${startDay}T00:00:00Z`),
      end: s('2026-11-24T00:00:00Z'),
      label,
      running: false,
    });
  });

  it('reaches beyond the API 90 days: how far history goes is for the analytics to say', () => {
    expect(parseRange('91d', now).start).toBe(s('2026-08-25T00:00:00Z'));
    expect(parseRange('365d', now)).toMatchObject({
      start: s('2025-11-24T00:00:00Z'),
      label: 'last 365 days (24 Nov 2025–23 Nov 2026)',
    });
  });

  it('rejects 0d and anything beyond two years', () => {
    expect(rangeError('0d')).toContain('`1d` to `731d`');
    expect(rangeError('732d')).toContain('`1d` to `731d`');
    expect(rangeError('100000000000000000000d')).toContain('`12m`');
  });
});

describe('weeks (Monday 00:00 UTC)', () => {
  it('last-week is the last closed Monday–Sunday week', () => {
    expect(parseRange('last-week', now)).toEqual({
      start: s('2026-11-16T00:00:00Z'),
      end: s('2026-11-23T00:00:00Z'),
      label: 'week of 16 Nov',
      running: false,
    });
  });

  it('this-week runs from Monday to now and is marked running', () => {
    expect(parseRange('This-Week', now)).toEqual({
      start: s('2026-11-23T00:00:00Z'),
      end: nowSeconds,
      label: 'this week so far (from 23 Nov)',
      running: true,
    });
  });

  it('on a Sunday, this-week started six days ago and last-week is the one before', () => {
    const sunday = new Date('2026-11-29T22:00:00Z');
    expect(parseRange('this-week', sunday).start).toBe(s('2026-11-23T00:00:00Z'));
    expect(parseRange('last-week', sunday).start).toBe(s('2026-11-16T00:00:00Z'));
  });

  it('on a Monday, last-week ended at 00:00 today', () => {
    const monday = new Date('2026-11-30T08:00:00Z');
    expect(parseRange('last-week', monday)).toMatchObject({
      start: s('2026-11-23T00:00:00Z'),
      end: s('2026-11-30T00:00:00Z'),
    });
  });

  it('rejects this-week at the very first second of Monday (nothing to show)', () => {
    expect(rangeError('this-week', new Date('2026-11-23T00:00:00Z'))).toContain('no data yet');
  });
});

describe('explicit dates', () => {
  it('treats the end date as inclusive (end = the next day 00:00)', () => {
    expect(parseRange('2026-11-01..2026-11-15', now)).toEqual({
      start: s('2026-11-01T00:00:00Z'),
      end: s('2026-11-16T00:00:00Z'),
      label: '1–15 Nov',
      running: false,
    });
  });

  it('accepts a single day, alone or as X..X', () => {
    const one = {
      start: s('2026-11-03T00:00:00Z'),
      end: s('2026-11-04T00:00:00Z'),
      label: '3 Nov',
      running: false,
    };
    expect(parseRange('2026-11-03', now)).toEqual(one);
    expect(parseRange('2026-11-03..2026-11-03', now)).toEqual(one);
  });

  it('labels ranges across months and years', () => {
    expect(parseRange('2026-10-28..2026-11-02', now).label).toBe('28 Oct–2 Nov');
    const january = new Date('2027-01-10T12:00:00Z');
    expect(parseRange('2026-12-28..2027-01-03', january).label).toBe('28 Dec 2026–3 Jan 2027');
    expect(parseRange('2026-12-01..2026-12-05', january).label).toBe('1–5 Dec 2026');
  });

  it('clamps an end date of today or later to now, marked running', () => {
    expect(parseRange('2026-11-20..2026-11-24', now)).toEqual({
      start: s('2026-11-20T00:00:00Z'),
      end: nowSeconds,
      label: '20–24 Nov (so far)',
      running: true,
    });
    expect(parseRange('2026-11-01..2027-03-01', now)).toMatchObject({ end: nowSeconds, running: true });
    expect(parseRange('2026-11-24', now)).toMatchObject({
      start: s('2026-11-24T00:00:00Z'),
      end: nowSeconds,
    });
  });

  it('rejects a start in the future', () => {
    expect(rangeError('2026-11-25..2026-11-30')).toContain('starts in the future');
  });

  it('rejects an end before the start', () => {
    expect(rangeError('2026-11-15..2026-11-01')).toContain('ends before it starts');
  });

  it.each(['2026-02-30..2026-03-01', '2026-11-01..2026-11-31', '2026-02-29', '2026-13-01', '2026-00-10'])(
    'rejects the impossible date in %s',
    (token) => {
      expect(rangeError(token)).toContain("isn't a date on the calendar");
    },
  );

  it('accepts 29 Feb in a leap year', () => {
    const march2028 = new Date('2028-03-10T00:00:00Z');
    expect(parseRange('2028-02-29', march2028).label).toBe('29 Feb');
  });

  it.each([
    '2026-11-1..2026-11-15',
    '2026/11/01..2026/11/15',
    '2026-11-01..',
    '..2026-11-15',
    '2026-11-01...2026-11-15',
    '2026-11-01..2026-11-05..2026-11-09',
  ])('rejects the malformed %s', (token) => {
    expect(rangeError(token)).toMatch(/didn't understand|year-month-day/);
  });
});

describe('months and quarters (UTC, calendar)', () => {
  it('last-month is the last closed calendar month', () => {
    expect(parseRange('last-month', now)).toEqual({
      start: s('2026-10-01T00:00:00Z'),
      end: s('2026-11-01T00:00:00Z'),
      label: 'October 2026',
      running: false,
    });
    expect(parseRange('LAST-MONTH', new Date('2027-01-01T00:00:00Z'))).toMatchObject({
      start: s('2026-12-01T00:00:00Z'),
      end: s('2027-01-01T00:00:00Z'),
      label: 'December 2026',
    });
  });

  it('this-month runs from the first to now and is marked running', () => {
    expect(parseRange('this-month', now)).toEqual({
      start: s('2026-11-01T00:00:00Z'),
      end: nowSeconds,
      label: 'November 2026 so far',
      running: true,
    });
    expect(rangeError('this-month', new Date('2026-12-01T00:00:00Z'))).toContain('no data yet');
  });

  it('last-quarter is the last closed calendar quarter, across a year end too', () => {
    expect(parseRange('last-quarter', now)).toEqual({
      start: s('2026-07-01T00:00:00Z'),
      end: s('2026-10-01T00:00:00Z'),
      label: 'Q3 2026 (Jul–Sep 2026)',
      running: false,
    });
    expect(parseRange('last-quarter', new Date('2027-02-10T00:00:00Z'))).toMatchObject({
      start: s('2026-10-01T00:00:00Z'),
      end: s('2027-01-01T00:00:00Z'),
      label: 'Q4 2026 (Oct–Dec 2026)',
    });
  });

  it('this-quarter runs from the quarter start to now', () => {
    expect(parseRange('this-quarter', now)).toEqual({
      start: s('2026-10-01T00:00:00Z'),
      end: nowSeconds,
      label: 'Q4 2026 so far (from 1 Oct)',
      running: true,
    });
  });

  it.each([
    ['6m', '2026-05-01', 'last 6 months (May–Oct 2026)'],
    ['12m', '2025-11-01', 'last 12 months (Nov 2025–Oct 2026)'],
    ['1m', '2026-10-01', 'Oct 2026'],
    ['24M', '2024-11-01', 'last 24 months (Nov 2024–Oct 2026)'],
  ])('%s is that many closed months before this one', (token, startDay, label) => {
    expect(parseRange(token, now)).toEqual({
      start: s(`${startDay}T00:00:00Z`),
      end: s('2026-11-01T00:00:00Z'),
      label,
      running: false,
    });
  });

  it('rejects 0m and more than 24 months', () => {
    expect(rangeError('0m')).toContain('`1m` to `24m`');
    expect(rangeError('25m')).toContain('`1m` to `24m`');
  });

  it('reads month ranges as whole months, end month inclusive', () => {
    expect(parseRange('2026-01..2026-06', now)).toEqual({
      start: s('2026-01-01T00:00:00Z'),
      end: s('2026-07-01T00:00:00Z'),
      label: 'Jan–Jun 2026',
      running: false,
    });
    expect(parseRange('2025-11..2026-02', now)).toMatchObject({
      start: s('2025-11-01T00:00:00Z'),
      end: s('2026-03-01T00:00:00Z'),
      label: 'Nov 2025–Feb 2026',
    });
    expect(parseRange('2026-02', now)).toMatchObject({
      start: s('2026-02-01T00:00:00Z'),
      end: s('2026-03-01T00:00:00Z'),
      label: 'Feb 2026',
    });
  });

  it('clamps a month range through this month to now, marked running', () => {
    expect(parseRange('2026-09..2026-12', now)).toEqual({
      start: s('2026-09-01T00:00:00Z'),
      end: nowSeconds,
      label: 'Sep–Dec 2026 (so far)',
      running: true,
    });
  });

  it('explains impossible, mixed, reversed, future and too long month ranges', () => {
    expect(rangeError('2026-13..2026-14')).toContain("isn't a month on the calendar");
    expect(rangeError('2026-00')).toContain("isn't a month on the calendar");
    expect(rangeError('2026-01..2026-03-05')).toContain('mixes a month and a day');
    expect(rangeError('2026-06..2026-01')).toContain('ends before it starts');
    expect(rangeError('2026-12..2027-01')).toContain('starts in the future');
    expect(rangeError('2023-01..2026-01')).toContain('longer than two years');
    expect(rangeError('2024-01-01..2026-11-01')).toContain('longer than two years');
  });
});

describe('all', () => {
  it('asks for the complete days of the last two years, marked as the whole history', () => {
    expect(parseRange('ALL', now)).toEqual({
      start: s('2024-11-23T00:00:00Z'),
      end: s('2026-11-24T00:00:00Z'),
      label: 'all history',
      running: false,
      wholeHistory: true,
    });
  });
});

describe('bucket limits', () => {
  it('refuses a year by day and suggests coarser groupings', () => {
    const year = parseRange('12m', now);
    expect(() => checkBucketFits(year, 'day')).toThrow(/365 points.*`by week` or `by month`/);
    expect(() => checkBucketFits(year, 'week')).not.toThrow();
    expect(() => checkBucketFits(parseRange('90d', now), 'day')).not.toThrow();
    expect(() => checkBucketFits(parseRange('24m', now), 'week')).toThrow(/`by month` or `by quarter`/);
  });
});

describe('helpers', () => {
  it('recognises range-shaped words only', () => {
    for (const t of [
      '7d',
      '6m',
      'last-week',
      'THIS-WEEK',
      'last-quarter',
      'This-Month',
      '2026-11',
      '2026-11-01',
      'a..b',
      '2026-99-99',
    ]) {
      expect(looksLikeRange(t)).toBe(true);
    }
    for (const t of ['7', 'cli', 'week', 'month', 'd', 'm', 'fortnight'])
      expect(looksLikeRange(t)).toBe(false);
  });

  it('buckets by day up to 31 days, by week up to a quarter and by month beyond', () => {
    const day = 86_400;
    expect(defaultBucket({ start: 0, end: 31 * day })).toBe('day');
    expect(defaultBucket({ start: 0, end: 32 * day })).toBe('week');
    expect(defaultBucket({ start: 0, end: 92 * day })).toBe('week');
    expect(defaultBucket({ start: 0, end: 93 * day })).toBe('month');
    expect(defaultBucket(parseRange('6m', now))).toBe('month');
    expect(defaultBucket(parseRange('last-quarter', now))).toBe('week');
    expect(defaultBucket(parseRange('last-month', now))).toBe('day');
  });
});
