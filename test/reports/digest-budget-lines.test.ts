import { describe, expect, it } from 'vitest';
import { digestBudgetLine } from '../../reports/digest/digest-budget-lines.js';
import { buildLeadershipDigest } from '../../reports/digest/leadership-digest.js';
import { buildWeeklyDigest } from '../../reports/digest/weekly-digest.js';
import type { DigestBudgetLine } from '../../src/figures/figure-types.js';
import { digest } from './figure-fixtures.js';
import { expectThreadWithinLimits, visibleText } from './report-assertions.js';

const dec = Date.UTC(2026, 11, 1) / 1000;
const month = { start: dec, end: Date.UTC(2027, 0, 1) / 1000 };
const line = (
  over: Partial<DigestBudgetLine> = {},
  forecast: Partial<DigestBudgetLine['forecast']> = {},
) => ({
  team: null,
  unit: 'credits' as const,
  amount: 60_000,
  month,
  forecast: {
    spent: 41_200,
    spentShare: 41_200 / 60_000,
    forecast: 58_900,
    forecastShare: 58_900 / 60_000,
    crossesOn: null,
    rates: { weekday: 900, weekend: 100 },
    closedDays: 6,
    remainingDays: 25,
    ...forecast,
  },
  ...over,
});

describe('the digest budget line', () => {
  it('reads spent by the last closed day and the forecast against the budget', () => {
    expect(digestBudgetLine(line())).toBe(
      'Budget: 41,200 of 60,000 credits (69%) spent by Sun 6 Dec · forecast 58,900 by month end (under)',
    );
    expect(
      digestBudgetLine(line({ team: 'platform', unit: 'usd', amount: 6_000 }, { forecast: 6_100.4 })),
    ).toBe(
      'Budget of team platform: $41,200 of $6,000 est. (69%) spent by Sun 6 Dec · forecast $6,100 by month end (over)',
    );
  });
  it('says so when no day of the month has closed, or the history is too short to forecast', () => {
    expect(digestBudgetLine(line({}, { closedDays: 0, spent: 0, spentShare: 0, forecast: null }))).toBe(
      'Budget: 0 of 60,000 credits (0%) spent so far · too little history to forecast',
    );
  });
  it('sits in the parent of both digests, within Slack’s limits; no budget, no line', () => {
    const figures = { ...digest('many'), budgets: [line(), line({ team: 'platform' })] };
    for (const report of [buildWeeklyDigest(figures), buildLeadershipDigest(figures)]) {
      expectThreadWithinLimits(report);
      const parent = visibleText(report.parent);
      expect(parent).toContain('Budget: 41,200 of 60,000 credits (69%) spent by Sun 6 Dec');
      expect(parent).toContain('Budget of team platform: 41,200 of 60,000 credits');
      expect(report.parent.text).toContain('forecast 58,900 by month end (under)');
    }
    expect(visibleText(buildWeeklyDigest(digest('many')).parent)).not.toContain('Budget');
  });
});
