import { describe, expect, it } from 'vitest';
import { CodexWindowInvalidError } from '../../src/codex/codex-errors.js';
import { validateWindow } from '../../src/codex/validate-window.js';
import { DAY, NOW, TODAY } from './helpers.js';

const at = (iso: string) => Date.parse(iso) / 1000;

function rejection(window: { startTime: number; endTime: number }): CodexWindowInvalidError {
  try {
    validateWindow(window, NOW);
  } catch (error) {
    expect(error).toBeInstanceOf(CodexWindowInvalidError);
    return error as CodexWindowInvalidError;
  }
  throw new Error('expected the window to be rejected');
}

describe('validateWindow', () => {
  it('accepts the last 90 whole UTC days, and a current week that ends in the future', () => {
    expect(() => validateWindow({ startTime: TODAY - 89 * DAY, endTime: TODAY + DAY }, NOW)).not.toThrow();
    // Whole UTC days: midnight 90 days before today is the limit, whatever the time of day now.
    expect(() => validateWindow({ startTime: TODAY - 90 * DAY, endTime: TODAY }, NOW)).not.toThrow();
    expect(() => validateWindow({ startTime: TODAY - 90 * DAY - 1, endTime: TODAY }, NOW)).toThrow(
      /more than 90 days ago/,
    );
    expect(() =>
      validateWindow({ startTime: at('2026-11-23T00:00:00Z'), endTime: at('2026-11-30T00:00:00Z') }, NOW),
    ).not.toThrow();
  });

  it('explains a start older than 90 days and suggests the earliest whole-day start', () => {
    const error = rejection({ startTime: at('2026-07-01T00:00:00Z'), endTime: at('2026-08-01T00:00:00Z') });
    expect(error.code).toBe('codex_window_invalid');
    // NOW is 2026-11-24 10:00 UTC: 90 whole days before today is 2026-08-26.
    expect(error.message).toBe(
      'The window starts on 2026-07-01, more than 90 days ago: the Codex Analytics API keeps 90 days. Try a start on or after 2026-08-26.',
    );
    expect(error.endpoint).toBeUndefined();
    const atMidnight = new Date('2026-11-24T00:00:00Z');
    expect(() =>
      validateWindow({ startTime: at('2026-07-01T00:00:00Z'), endTime: TODAY }, atMidnight),
    ).toThrow(/Try a start on or after 2026-08-26\.$/);
  });

  it('rejects an empty or reversed window', () => {
    expect(rejection({ startTime: TODAY, endTime: TODAY }).message).toBe(
      'The window is empty: it starts at 2026-11-24 and ends at 2026-11-24; the start must be before the end.',
    );
    expect(rejection({ startTime: TODAY, endTime: TODAY - DAY }).message).toMatch(
      /the start must be before the end/,
    );
  });

  it('rejects a start in the future and an end far in the future, hinting at milliseconds', () => {
    expect(rejection({ startTime: TODAY + 2 * DAY, endTime: TODAY + 3 * DAY }).message).toMatch(
      /^The window starts at 2026-11-26, which is in the future: there is no data yet/,
    );
    expect(rejection({ startTime: TODAY - DAY, endTime: TODAY + 30 * DAY }).message).toBe(
      'The window ends on 2026-12-24, more than 7 days in the future. Try an end on or before 2026-12-02.',
    );
    const ms = rejection({ startTime: (TODAY - DAY) * 1000, endTime: TODAY * 1000 });
    expect(ms.message).toMatch(/was a millisecond value passed\?/);
  });

  it('rejects values that are not whole Unix seconds', () => {
    expect(rejection({ startTime: 1.5, endTime: TODAY }).message).toMatch(
      /not a time: expected whole Unix seconds/,
    );
    expect(rejection({ startTime: Number.NaN, endTime: TODAY }).code).toBe('codex_window_invalid');
  });
});
