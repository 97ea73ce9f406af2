import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, formatLabel } from '../../reports/blocks/escape-mrkdwn.js';
import {
  formatCredits,
  formatDate,
  formatDay,
  formatDayList,
  formatDelta,
  formatInteger,
  formatNumber,
  formatPercent,
  formatPeriodSpan,
  formatTimestamp,
  formatTokens,
  formatWindow,
} from '../../reports/blocks/format.js';
import { delta, hostileLabels, week } from './figure-fixtures.js';

describe('numbers', () => {
  it('formats counts as 1,234 / 12.3k / 1.2M', () => {
    expect(formatNumber(1234)).toBe('1,234');
    expect(formatNumber(12_345)).toBe('12.3k');
    expect(formatNumber(50_000)).toBe('50k');
    expect(formatNumber(999_960)).toBe('1M');
    expect(formatNumber(1_234_567)).toBe('1.2M');
    expect(formatNumber(98_765_432_100)).toBe('98.8B');
    expect(formatInteger(49_990)).toBe('49,990');
  });
  it('formats credits with one decimal, tokens with "—" for unknown', () => {
    expect(formatCredits(182.5)).toBe('182.5');
    expect(formatCredits(1234.56)).toBe('1,234.6');
    expect(formatCredits(1_234_567.8)).toBe('1.2M');
    expect(formatTokens(null)).toBe('—');
    expect(formatTokens(0)).toBe('0');
  });
  it('formats percentages', () => {
    expect(formatPercent(0.1189)).toBe('12%');
    expect(formatPercent(0.042)).toBe('4.2%');
    // Rounded once: 5 of 11 is 45.45%, not 46% (45.5% rounded again).
    expect(formatPercent(5 / 11)).toBe('45%');
    expect(formatPercent(-5 / 11)).toBe('-45%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('formatDelta', () => {
  it('shows the arrow, the change and both values', () => {
    expect(formatDelta(delta(461, 412), 'count')).toBe('▲ 12% (412 → 461)');
    expect(formatDelta(delta(1_234_567.8, 1_272_750), 'credits')).toBe('▼ 3% (1.3M → 1.2M)');
    expect(formatDelta(delta(0.82, 0.78), 'share')).toBe('▲ 4 pts (78% → 82%)');
    expect(formatDelta(delta(40, 40), 'count')).toBe('no change (40 → 40)');
    expect(formatDelta(delta(12, 0), 'count')).toBe('▲ new (0 → 12)');
    expect(formatDelta(delta(null, 5), 'count')).toBe('no comparison (5 → —)');
  });
  it('never puts an arrow between shares that read the same (issue 9: "▼ 0.8 pts (84% → 84%)")', () => {
    expect(formatDelta(delta(0.836, 0.844), 'share')).toBe('▼ 0.8 pts (84.4% → 83.6%)');
    expect(formatDelta(delta(0.84001, 0.84004), 'share')).toBe('no change (84.0% → 84.0%)');
    // A team of 3 with 1 active both weeks: the same share, at the precision of the line beside it (33%).
    expect(formatDelta(delta(1 / 3, 1 / 3), 'share')).toBe('no change (33% → 33%)');
    expect(formatDelta(delta(0.0836, 0.0844), 'share')).toBe('▼ 0.1 pts (8.44% → 8.36%)');
    expect(formatDelta(delta(0.8446, 0.8444), 'share')).toBe('▲ <0.1 pts (84.4% → 84.5%)');
  });
});

describe('dates', () => {
  it('formats UTC days and windows (end exclusive)', () => {
    expect(formatDate(Date.UTC(2026, 10, 16) / 1000)).toBe('Mon 16 Nov');
    expect(formatDay('2026-11-14')).toBe('Sat 14 Nov');
    expect(formatWindow(week)).toBe('Mon 9 Nov – Sun 15 Nov');
    expect(formatWindow({ start: Date.UTC(2026, 11, 28) / 1000, end: Date.UTC(2027, 0, 4) / 1000 })).toBe(
      'Mon 28 Dec 2026 – Sun 3 Jan 2027',
    );
    expect(formatTimestamp('2026-11-16T09:05:00Z')).toBe('Mon 16 Nov 09:05 UTC');
  });
  it('names a whole month or quarter, and a clipped one by the days it holds', () => {
    const at = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
    expect(formatPeriodSpan({ start: at('2026-11-01'), end: at('2026-12-01') }, 'month')).toBe('Nov 2026');
    expect(formatPeriodSpan({ start: at('2026-10-01'), end: at('2027-01-01') }, 'quarter')).toBe('Q4 2026');
    // `12m by quarter` on 7 Dec ends with the closed months of Q4: not "Q4 2026".
    expect(formatPeriodSpan({ start: at('2026-10-01'), end: at('2026-12-01') }, 'quarter')).toBe(
      '1 Oct–30 Nov 2026',
    );
    expect(formatPeriodSpan({ start: at('2026-09-08'), end: at('2026-10-01') }, 'month')).toBe(
      '8–30 Sep 2026',
    );
    expect(formatPeriodSpan({ start: at('2026-12-01'), end: at('2026-12-07') }, 'month')).toBe(
      '1–6 Dec 2026',
    );
    expect(formatPeriodSpan({ start: at('2026-03-31'), end: at('2026-04-01') }, 'quarter')).toBe(
      '31 Mar 2026',
    );
  });

  it('lists provisional days compactly', () => {
    expect(formatDayList(['2026-11-15', '2026-11-14'])).toBe('Sat–Sun');
    expect(formatDayList(['2026-11-15'])).toBe('Sun');
    expect(formatDayList(['2026-11-12', '2026-11-14'])).toBe('Thu, Sat');
    expect(formatDayList([])).toBe('');
  });
});

describe('escaping', () => {
  it('escapes &, < and >', () => {
    expect(escapeMrkdwn('<!channel> & <@U123>')).toBe('&lt;!channel&gt; &amp; &lt;@U123&gt;');
  });
  it('makes hostile labels inert and keeps snake_case readable', () => {
    for (const label of hostileLabels) {
      const safe = formatLabel(label);
      expect(safe).not.toMatch(/[<>*~`]/);
      expect(safe).not.toMatch(/&(?!amp;|lt;|gt;)/);
      expect(safe).not.toMatch(/(^|\W)_|_($|\W)/);
    }
    expect(formatLabel('jane_doe')).toBe('jane_doe');
    expect(formatLabel('x'.repeat(100))).toHaveLength(40);
  });
});
