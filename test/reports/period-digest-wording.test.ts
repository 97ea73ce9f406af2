import { describe, expect, it } from 'vitest';
import { buildLeadershipDigest } from '../../reports/digest/leadership-digest.js';
import { buildWeeklyDigest } from '../../reports/digest/weekly-digest.js';
import { checkLimits } from '../../reports/limits/check-limits.js';
import type { DigestFigures } from '../../src/figures/figure-types.js';
import { delta, digest } from './figure-fixtures.js';

const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

/** The fixture's numbers, read as December 2026 against November, with December 2025 held. */
function december(yearEarlierHeld: boolean): DigestFigures {
  const base = digest('many');
  const whole = { start: utc('2026-12-01'), end: utc('2027-01-01') };
  return {
    ...base,
    week: whole,
    previousWeek: { start: utc('2026-11-01'), end: whole.start },
    period: {
      period: 'month',
      whole,
      previousHeld: true,
      historyStart: utc('2025-06-02'),
      yearEarlier: {
        window: { start: utc('2025-12-01'), end: utc('2026-01-01') },
        deltas: yearEarlierHeld
          ? {
              activeUsers: delta(50_000, 25_000),
              credits: delta(1_234_567.8, 1_234_567.8),
              threads: delta(412_345, 500_000),
              prsReviewed: delta(18_000, 9_000),
              positiveShare: delta(0.82, 0.8),
            }
          : null,
      },
    },
  };
}

describe('monthly leadership digest wording', () => {
  it('names the month, compares month over month and with the same month a year earlier', () => {
    const { parent, replies } = buildLeadershipDigest(december(true));
    expect(parent.text).toContain(
      'Codex leadership digest · December 2026: Active users rose 25% month over month',
    );
    expect(parent.text).toContain('*December 2026 against November* and December 2025');
    expect(parent.text).toContain('Against December 2025: Active users rose 100% year over year to 50k');
    expect(parent.text).toContain('credits held steady at');
    expect(parent.text).not.toContain('history starts');
    expect(JSON.stringify(replies)).toContain('*Trend* November → December 2026: PRs reviewed');
    for (const message of [parent, ...replies]) expect(checkLimits(message)).toEqual([]);
  });

  it('across a year end names the previous month with its year, and says when the year earlier is not held', () => {
    const january = december(false);
    const whole = { start: utc('2027-01-01'), end: utc('2027-02-01') };
    const figures: DigestFigures = {
      ...january,
      week: whole,
      previousWeek: { start: utc('2026-12-01'), end: whole.start },
      period: {
        ...(january.period as NonNullable<DigestFigures['period']>),
        whole,
        historyStart: utc('2026-03-02'),
        yearEarlier: { window: { start: utc('2026-01-01'), end: utc('2026-02-01') }, deltas: null },
      },
    };
    const { parent } = buildLeadershipDigest(figures);
    expect(parent.text).toContain('*January 2027 against December 2026*');
    expect(parent.text).toContain(
      'No January 2026 figures to compare with yet: history starts Mon 2 Mar 2026.',
    );
  });
});

describe('standard digest header', () => {
  // The demo's monthly subscription was headed "Codex weekly digest · November 2026".
  it('names its cadence: monthly for a month, quarterly for a quarter, weekly for a week', () => {
    const month = december(true);
    expect(buildWeeklyDigest(month).parent.text).toMatch(/^Codex monthly digest · December 2026: /);
    const quarter: DigestFigures = {
      ...month,
      period: { ...(month.period as NonNullable<DigestFigures['period']>), period: 'quarter' },
    };
    expect(buildWeeklyDigest(quarter).parent.text).toMatch(/^Codex quarterly digest · /);
    expect(buildWeeklyDigest(digest('many')).parent.text).toMatch(/^Codex weekly digest · /);
  });
});
