import { describe, expect, it } from 'vitest';
import { buildAlertPreviewReport } from '../../reports/alerts/alert-preview-report.js';
import { describeRule } from '../../reports/alerts/describe-rule.js';
import { checkLimits } from '../../reports/limits/slack-limits.js';
import type { AlertRuleSpec } from '../../src/domain/alert-rules.js';
import { DAY_SECONDS } from '../../src/domain/utc-days.js';
import { evaluateCondition, type PeriodValue } from '../../src/figures/alert-evaluation.js';
import { computeFreshness } from '../../src/figures/freshness.js';

const MON_2_NOV = Date.parse('2026-11-02T00:00:00Z') / 1000;
const now = new Date('2026-12-07T10:00:00Z');

function weeks(values: readonly number[]): PeriodValue[] {
  return values.map((value, i) => ({
    start: MON_2_NOV + i * 7 * DAY_SECONDS,
    end: MON_2_NOV + (i + 1) * 7 * DAY_SECONDS,
    value,
    provisional: i === values.length - 1,
  }));
}

function build(spec: AlertRuleSpec, periods: PeriodValue[]) {
  const window = { start: periods[0]?.start ?? 0, end: periods.at(-1)?.end ?? 0 };
  const firings = evaluateCondition(spec.condition, periods, { includeProvisional: spec.provisional });
  const message = buildAlertPreviewReport({
    spec,
    periods,
    firings,
    window,
    freshness: computeFreshness(window, now),
  });
  expect(checkLimits(message)).toEqual([]);
  return JSON.stringify(message.blocks);
}

const workspace = { kind: 'workspace' } as const;

describe('alert preview report', () => {
  it('names the rule in words', () => {
    expect(
      describeRule({
        metric: 'active-users',
        condition: { kind: 'change', percent: -20, per: 'week' },
        scope: { kind: 'team', team: 'platform' },
        provisional: false,
      }),
    ).toBe('Active users down 20% or more week over week · team platform');
    expect(
      describeRule({
        metric: 'usd',
        condition: { kind: 'above', value: 250, per: 'month' },
        scope: { kind: 'surface', surface: 'cli' },
        provisional: true,
      }),
    ).toBe('Estimated USD above ≈ $250 est. per month · CLI (running periods too)');
  });

  it('lists weekly firings newest first, leaving out the running week', () => {
    const spec: AlertRuleSpec = {
      metric: 'threads',
      condition: { kind: 'above', value: 100, per: 'week' },
      scope: workspace,
      provisional: false,
    };
    const body = build(spec, weeks([150, 90, 120, 500]));
    expect(body).toContain('Would have fired *2 times*');
    expect(body).toContain('• week of Mon 16 Nov: 120\\n• week of Mon 2 Nov: 150');
    expect(body).not.toContain('500');
    expect(body).toContain('3 judged');
  });

  it('says "once", and marks a running period when the rule judges those too', () => {
    const spec: AlertRuleSpec = {
      metric: 'threads',
      condition: { kind: 'above', value: 400, per: 'week' },
      scope: workspace,
      provisional: true,
    };
    const body = build(spec, weeks([150, 90, 120, 500]));
    expect(body).toContain('Would have fired *once*');
    expect(body).toContain('• week of Mon 23 Nov: 500 _(running)_');
  });

  it('tells how close a threshold came when it never fired', () => {
    const spec: AlertRuleSpec = {
      metric: 'threads',
      condition: { kind: 'below', value: 50, per: 'week' },
      scope: workspace,
      provisional: false,
    };
    // The running week (10) is not judged, so the span the verdict speaks for ends before it.
    const body = build(spec, weeks([150, 90, 120, 10]));
    expect(body).toContain(
      'Would not have fired in the last 21 days of history (Mon 2 Nov – Sun 22 Nov). The lowest week was 90 (week of Mon 9 Nov).',
    );
    expect(body).toContain('Mon 2 Nov – Sun 22 Nov (UTC)');
  });

  it('says an anomaly rule needs 28 closed days first', () => {
    const spec: AlertRuleSpec = {
      metric: 'credits',
      condition: { kind: 'anomaly', k: 3 },
      scope: workspace,
      provisional: false,
    };
    expect(build(spec, weeks([1, 2, 3]))).toContain(
      'Not enough history to judge: an anomaly needs 28 closed days',
    );
  });

  it('says when there is no history at all', () => {
    const spec: AlertRuleSpec = {
      metric: 'credits',
      condition: { kind: 'anomaly', k: 3 },
      scope: workspace,
      provisional: false,
    };
    const message = buildAlertPreviewReport({
      spec,
      periods: [],
      firings: [],
      window: null,
      freshness: computeFreshness({ start: 0, end: 0 }, now),
    });
    expect(message.text).toContain('No history to judge yet');
  });
});
