import { describe, expect, it } from 'vitest';
import { splitWindow } from '../../src/codex/split-window.js';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('splitWindow', () => {
  it('cuts a day window at every UTC midnight', () => {
    const parts = splitWindow({ startTime: at('2026-11-01T00:00:00Z'), endTime: at('2026-11-04T00:00:00Z') });
    expect(parts).toEqual([
      { startTime: at('2026-11-01T00:00:00Z'), endTime: at('2026-11-02T00:00:00Z') },
      { startTime: at('2026-11-02T00:00:00Z'), endTime: at('2026-11-03T00:00:00Z') },
      { startTime: at('2026-11-03T00:00:00Z'), endTime: at('2026-11-04T00:00:00Z') },
    ]);
  });

  it('cuts a week window on Mondays and keeps unaligned edges partial', () => {
    // 2026-11-04 is a Wednesday; 2026-11-09 and 2026-11-16 are Mondays.
    const parts = splitWindow(
      { startTime: at('2026-11-04T06:00:00Z'), endTime: at('2026-11-18T00:00:00Z') },
      'week',
    );
    expect(parts).toEqual([
      { startTime: at('2026-11-04T06:00:00Z'), endTime: at('2026-11-09T00:00:00Z') },
      { startTime: at('2026-11-09T00:00:00Z'), endTime: at('2026-11-16T00:00:00Z') },
      { startTime: at('2026-11-16T00:00:00Z'), endTime: at('2026-11-18T00:00:00Z') },
    ]);
  });

  it('covers the window exactly, with no gaps or overlaps', () => {
    const window = { startTime: at('2026-08-26T00:00:00Z'), endTime: at('2026-11-24T10:00:00Z') };
    const parts = splitWindow(window);
    expect(parts).toHaveLength(91); // 90 whole days + today so far
    expect(parts[0]?.startTime).toBe(window.startTime);
    expect(parts.at(-1)?.endTime).toBe(window.endTime);
    for (let i = 1; i < parts.length; i++) expect(parts[i]?.startTime).toBe(parts[i - 1]?.endTime);
  });
});
