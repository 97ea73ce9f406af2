import { describe, expect, it } from 'vitest';
import { buildAlertFiringMessage, firingSentence } from '../../reports/alerts/alert-firing-report.js';
import { buildAlertRecoveryMessage } from '../../reports/alerts/alert-recovery-report.js';
import { checkLimits } from '../../reports/limits/slack-limits.js';
import type { AlertRuleSpec } from '../../src/domain/alert-rules.js';
import { DAY_SECONDS } from '../../src/domain/utc-days.js';

const SUN_6_DEC = Date.parse('2026-12-06T00:00:00Z') / 1000;
const day = { start: SUN_6_DEC, end: SUN_6_DEC + DAY_SECONDS };
const workspace = { kind: 'workspace' } as const;
const anomaly: AlertRuleSpec = {
  metric: 'credits',
  condition: { kind: 'anomaly', k: 3 },
  scope: workspace,
  provisional: false,
};

describe('alert firing message', () => {
  // The playground's spike read "Sun 6 Dec: 47.8k, 25× … above its 28-day median of 9,112." — of what?
  // And a Sunday is measured against the weekend days only, which the sentence must say.
  it('says the unit of the figure and of what it is measured against', () => {
    const firing = {
      period: day,
      value: 47_812,
      reference: {
        kind: 'anomaly',
        median: 9_112,
        mad: 1_540,
        deviations: 25,
        dayKind: 'weekend',
        baselineDays: 8,
      },
      provisional: false,
    } as const;
    expect(firingSentence(anomaly, firing)).toBe(
      '*47.8k credits*, 25× the median absolute deviation above its median of 9,112 credits over the last 8 weekend days.',
    );
    const flat = {
      ...firing,
      value: 1,
      reference: {
        kind: 'anomaly',
        median: 0,
        mad: 0,
        deviations: null,
        dayKind: 'weekday',
        baselineDays: 20,
      },
    } as const;
    expect(firingSentence({ ...anomaly, metric: 'p0' }, flat)).toBe(
      '*1 P0 finding*, above its median of 0 P0 findings over the last 20 weekdays, at least half of which were exactly that.',
    );
    const message = buildAlertFiringMessage({
      ruleId: 'bqj2d',
      spec: anomaly,
      firing,
      reportCommand: 'usage',
    });
    expect(checkLimits(message)).toEqual([]);
    const users: AlertRuleSpec = {
      ...anomaly,
      metric: 'active-users',
      condition: { kind: 'below', value: 50, per: 'week' },
    };
    const threshold = { ...firing, value: 1, reference: { kind: 'threshold', threshold: 50 } } as const;
    expect(firingSentence(users, threshold)).toBe('*1 active user*, below the threshold of 50 active users.');
    const share: AlertRuleSpec = { ...users, metric: 'positive-share' };
    const low = { ...threshold, value: 0.4, reference: { kind: 'threshold', threshold: 0.5 } } as const;
    expect(firingSentence(share, low)).toBe('*40%*, below the threshold of 50%.');
  });

  it('and so does the back-to-normal notice', () => {
    const message = buildAlertRecoveryMessage({
      ruleId: 'bqj2d',
      spec: anomaly,
      value: 8_950,
      period: { start: SUN_6_DEC + DAY_SECONDS, end: SUN_6_DEC + 2 * DAY_SECONDS },
      fired: day,
    });
    expect(message.text).toContain('8,950 credits');
  });
});
