import { describe, expect, it } from 'vitest';
import {
  defaultBucket,
  defaultWindow,
  earliestStart,
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

  it('rejects 0d and anything beyond 90d', () => {
    expect(rangeError('0d')).toContain('`1d` to `90d`');
    expect(rangeError('91d')).toContain('the earliest start is 2026-08-26');
    expect(rangeError('100000000000000000000d')).toContain('Codex keeps 90 days');
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

describe('90-day lookback', () => {
  it('counts whole UTC days back from today', () => {
    expect(earliestStart(now)).toBe(s('2026-08-26T00:00:00Z'));
  });

  it('accepts a start exactly 90 days back', () => {
    expect(parseRange('2026-08-26..2026-09-01', now).start).toBe(s('2026-08-26T00:00:00Z'));
    expect(parseRange('90d', now).start).toBe(s('2026-08-26T00:00:00Z'));
  });

  it('rejects 91 days back with the earliest start', () => {
    expect(rangeError('2026-08-25..2026-09-01')).toBe(
      'Codex keeps 90 days of analytics: the earliest start is 2026-08-26.',
    );
  });
});

describe('helpers', () => {
  it('recognises range-shaped words only', () => {
    for (const t of ['7d', 'last-week', 'THIS-WEEK', '2026-11-01', 'a..b', '2026-99-99']) {
      expect(looksLikeRange(t)).toBe(true);
    }
    for (const t of ['7', 'cli', 'week', 'd', 'fortnight']) expect(looksLikeRange(t)).toBe(false);
  });

  it('buckets by day up to 31 days and by week beyond', () => {
    const day = 86_400;
    expect(defaultBucket({ start: 0, end: 31 * day })).toBe('day');
    expect(defaultBucket({ start: 0, end: 32 * day })).toBe('week');
  });
});
