import { describe, expect, it } from 'vitest';
import type { DigestCadence } from '../../src/domain/digest-cadence.js';
import type { DigestDay } from '../../src/domain/digest-days.js';
import { lastDueAt, nextDueAfter, periodFor } from '../../src/domain/digest-schedule.js';
import { instantOfWallTime } from '../../src/domain/wall-clock.js';

const at = (iso: string) => new Date(iso);
const sched = (day: DigestDay, time: string, timeZone: string, cadence: DigestCadence = 'weekly') => ({
  day,
  time,
  timeZone,
  cadence,
});
const iso = (d: Date) => d.toISOString().replace('.000', '');

describe('due instants in the subscription’s zone', () => {
  it('Monday 09:00 Berlin is 08:00Z in winter and 07:00Z in summer', () => {
    const s = sched('mon', '09:00', 'Europe/Berlin');
    expect(iso(lastDueAt(s, at('2026-01-14T12:00:00Z')))).toBe('2026-01-12T08:00:00Z');
    expect(iso(lastDueAt(s, at('2026-07-15T12:00:00Z')))).toBe('2026-07-13T07:00:00Z');
    expect(iso(nextDueAfter(s, at('2026-07-15T12:00:00Z')))).toBe('2026-07-20T07:00:00Z');
  });

  it('is due at the instant itself, and the next one is a week later', () => {
    const s = sched('mon', '09:00', 'Europe/Berlin');
    expect(iso(lastDueAt(s, at('2026-11-23T08:00:00Z')))).toBe('2026-11-23T08:00:00Z');
    expect(iso(lastDueAt(s, at('2026-11-23T07:59:59Z')))).toBe('2026-11-16T08:00:00Z');
    expect(iso(nextDueAfter(s, at('2026-11-23T08:00:00Z')))).toBe('2026-11-30T08:00:00Z');
  });

  it('Europe/Berlin across spring forward (2026-03-29) and fall back (2026-10-25)', () => {
    const monday = sched('mon', '09:00', 'Europe/Berlin');
    expect(iso(nextDueAfter(monday, at('2026-03-27T00:00:00Z')))).toBe('2026-03-30T07:00:00Z');
    expect(iso(lastDueAt(monday, at('2026-03-30T06:59:00Z')))).toBe('2026-03-23T08:00:00Z');
    expect(iso(nextDueAfter(monday, at('2026-10-23T00:00:00Z')))).toBe('2026-10-26T08:00:00Z');
    expect(iso(lastDueAt(monday, at('2026-10-26T07:59:00Z')))).toBe('2026-10-19T07:00:00Z');
    // On the change days themselves: Sunday 12:00 is 10:00Z (CEST) in spring and 11:00Z (CET) in autumn.
    expect(iso(nextDueAfter(sched('sun', '12:00', 'Europe/Berlin'), at('2026-03-28T00:00:00Z')))).toBe(
      '2026-03-29T10:00:00Z',
    );
    expect(iso(nextDueAfter(sched('sun', '12:00', 'Europe/Berlin'), at('2026-10-24T00:00:00Z')))).toBe(
      '2026-10-25T11:00:00Z',
    );
  });

  it('America/New_York across spring forward (2026-03-08) and fall back (2026-11-01)', () => {
    const sunday = sched('sun', '09:00', 'America/New_York');
    expect(iso(nextDueAfter(sunday, at('2026-03-07T00:00:00Z')))).toBe('2026-03-08T13:00:00Z');
    expect(iso(nextDueAfter(sunday, at('2026-03-01T00:00:00Z')))).toBe('2026-03-01T14:00:00Z');
    expect(iso(nextDueAfter(sunday, at('2026-10-31T00:00:00Z')))).toBe('2026-11-01T14:00:00Z');
    expect(iso(lastDueAt(sunday, at('2026-11-01T13:59:00Z')))).toBe('2026-10-25T13:00:00Z');
  });

  it('a local time in the spring gap moves forward by the gap (02:30 → 03:30)', () => {
    expect(iso(nextDueAfter(sched('sun', '02:30', 'Europe/Berlin'), at('2026-03-28T00:00:00Z')))).toBe(
      '2026-03-29T01:30:00Z', // 03:30 CEST
    );
    expect(iso(nextDueAfter(sched('sun', '02:30', 'America/New_York'), at('2026-03-07T00:00:00Z')))).toBe(
      '2026-03-08T07:30:00Z', // 03:30 EDT
    );
    // The week after, 02:30 exists again.
    expect(iso(nextDueAfter(sched('sun', '02:30', 'Europe/Berlin'), at('2026-03-30T00:00:00Z')))).toBe(
      '2026-04-05T00:30:00Z',
    );
  });

  it('a local time in the autumn fold is due at its first occurrence, once', () => {
    const berlin = sched('sun', '02:30', 'Europe/Berlin');
    expect(iso(nextDueAfter(berlin, at('2026-10-24T00:00:00Z')))).toBe('2026-10-25T00:30:00Z'); // 02:30 CEST
    // During the second 02:30 (CET) the last due instant is still the first one, not a second delivery.
    expect(iso(lastDueAt(berlin, at('2026-10-25T01:45:00Z')))).toBe('2026-10-25T00:30:00Z');
    expect(iso(nextDueAfter(berlin, at('2026-10-25T00:30:00Z')))).toBe('2026-11-01T01:30:00Z');
    const ny = sched('sun', '01:30', 'America/New_York');
    expect(iso(nextDueAfter(ny, at('2026-10-31T00:00:00Z')))).toBe('2026-11-01T05:30:00Z'); // 01:30 EDT
  });

  it('zones without DST and far from UTC', () => {
    expect(iso(nextDueAfter(sched('mon', '09:00', 'Asia/Kolkata'), at('2026-11-22T00:00:00Z')))).toBe(
      '2026-11-23T03:30:00Z',
    );
    expect(iso(nextDueAfter(sched('mon', '00:15', 'Pacific/Kiritimati'), at('2026-11-22T00:00:00Z')))).toBe(
      '2026-11-22T10:15:00Z',
    );
    expect(iso(instantOfWallTime({ year: 2026, month: 6, day: 1, hour: 9, minute: 0 }, 'UTC'))).toBe(
      '2026-06-01T09:00:00Z',
    );
  });

  it('rejects a malformed time and an unknown zone', () => {
    expect(() => lastDueAt(sched('mon', '9:00', 'UTC'), at('2026-01-01T00:00:00Z'))).toThrow(RangeError);
    expect(() => lastDueAt(sched('mon', '09:00', 'Mars/Olympus'), at('2026-01-01T00:00:00Z'))).toThrow(
      RangeError,
    );
  });
});

describe('periodFor', () => {
  it('is the Monday 00:00 UTC of the last closed Monday–Sunday UTC week', () => {
    const monday16 = Date.UTC(2026, 10, 16) / 1000;
    expect(periodFor(at('2026-11-23T08:00:00Z'), 'weekly')).toBe(monday16);
    expect(periodFor(at('2026-11-29T23:59:59Z'), 'weekly')).toBe(monday16);
    expect(periodFor(at('2026-11-23T00:00:00Z'), 'weekly')).toBe(monday16);
    // Monday 00:30 in Berlin is still Sunday in UTC: that week is not closed yet.
    expect(periodFor(at('2026-11-22T23:30:00Z'), 'weekly')).toBe(Date.UTC(2026, 10, 9) / 1000);
  });
});

describe('monthly and quarterly digests (issue 11 §3)', () => {
  it('are due at the first slot of their day and time in the new month', () => {
    const s = sched('mon', '09:00', 'Europe/Berlin', 'monthly');
    // 1 Dec 2026 is a Tuesday: the first Monday of December is the 7th.
    expect(iso(nextDueAfter(s, at('2026-11-24T10:00:00Z')))).toBe('2026-12-07T08:00:00Z');
    expect(iso(lastDueAt(s, at('2026-12-07T08:00:00Z')))).toBe('2026-12-07T08:00:00Z');
    expect(iso(lastDueAt(s, at('2026-12-07T07:59:00Z')))).toBe('2026-11-02T08:00:00Z');
    expect(iso(nextDueAfter(s, at('2026-12-07T08:00:00Z')))).toBe('2027-01-04T08:00:00Z');
    expect(periodFor(at('2026-12-07T08:00:00Z'), 'monthly')).toBe(Date.UTC(2026, 10, 1) / 1000);
    expect(periodFor(at('2027-01-04T08:00:00Z'), 'monthly')).toBe(Date.UTC(2026, 11, 1) / 1000);
  });

  it('on a period that starts on their day, are due that very day', () => {
    // 1 Mar 2027 is a Monday; February 2028 has 29 days and 1 Mar 2028 is a Wednesday.
    const s = sched('mon', '09:00', 'UTC', 'monthly');
    expect(iso(nextDueAfter(s, at('2027-02-20T00:00:00Z')))).toBe('2027-03-01T09:00:00Z');
    const w = sched('wed', '09:00', 'UTC', 'monthly');
    expect(iso(nextDueAfter(w, at('2028-02-29T12:00:00Z')))).toBe('2028-03-01T09:00:00Z');
  });

  it('wait for the period to close in UTC when their zone is ahead of it', () => {
    // Mon 1 Feb 2027 08:00 in Tokyo is Sun 31 Jan 23:00 UTC: January has not closed, so the next Monday.
    const s = sched('mon', '08:00', 'Asia/Tokyo', 'monthly');
    expect(iso(nextDueAfter(s, at('2027-01-20T00:00:00Z')))).toBe('2027-02-07T23:00:00Z');
    expect(periodFor(at('2027-02-07T23:00:00Z'), 'monthly')).toBe(Date.UTC(2027, 0, 1) / 1000);
  });

  it('quarterly: the first slot of January, April, July and October, across the year end', () => {
    const s = sched('fri', '16:30', 'America/New_York', 'quarterly');
    // Fri 1 Jan 2027 16:30 EST = 21:30Z.
    expect(iso(nextDueAfter(s, at('2026-11-24T10:00:00Z')))).toBe('2027-01-01T21:30:00Z');
    expect(iso(lastDueAt(s, at('2026-11-24T10:00:00Z')))).toBe('2026-10-02T20:30:00Z');
    expect(iso(nextDueAfter(s, at('2027-01-01T21:30:00Z')))).toBe('2027-04-02T20:30:00Z');
    expect(periodFor(at('2027-01-01T21:30:00Z'), 'quarterly')).toBe(Date.UTC(2026, 9, 1) / 1000);
  });
});
