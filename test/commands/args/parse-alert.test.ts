import { describe, expect, it } from 'vitest';
import { parseAlertRule } from '../../../commands/args/parse-alert-rule.js';
import { parseCommandText } from '../../../commands/args/parse-command.js';
import { UsageError } from '../../../src/errors.js';

const now = new Date('2026-11-24T10:00:00Z');
const rule = (text: string) => parseAlertRule(text.split(' '), 'alert preview');
const failure = (text: string): string => {
  try {
    parseCommandText(text, now);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`parsed: ${text}`);
};

describe('alert rules', () => {
  it('reads thresholds with their period, in any number format', () => {
    expect(rule('credits above 5000 per day').spec).toEqual({
      metric: 'credits',
      condition: { kind: 'above', value: 5000, per: 'day' },
      scope: { kind: 'workspace' },
      provisional: false,
    });
    expect(rule('credits above 5,000').spec.condition).toEqual({ kind: 'above', value: 5000, per: 'day' });
    expect(rule('credits over 1.5k weekly').spec.condition).toEqual({
      kind: 'above',
      value: 1500,
      per: 'week',
    });
    expect(rule('usd below $200 per month').spec.condition).toEqual({
      kind: 'below',
      value: 200,
      per: 'month',
    });
    // The share is a percentage as typed, a fraction as stored.
    expect(rule('positive-share below 60% per week').spec.condition).toEqual({
      kind: 'below',
      value: 0.6,
      per: 'week',
    });
  });

  it('reads changes with their direction, weekly unless told', () => {
    expect(rule('threads rises 20%').spec.condition).toEqual({ kind: 'change', percent: 20, per: 'week' });
    expect(rule('active-users drops 15% per month').spec.condition).toEqual({
      kind: 'change',
      percent: -15,
      per: 'month',
    });
    expect(rule('credits change -20% week').spec.condition).toEqual({
      kind: 'change',
      percent: -20,
      per: 'week',
    });
    expect(rule('credits change +20%').spec.condition).toEqual({ kind: 'change', percent: 20, per: 'week' });
  });

  it('reads anomalies with an optional sensitivity', () => {
    expect(rule('credits anomaly').spec.condition).toEqual({ kind: 'anomaly', k: 3 });
    expect(rule('p0 anomaly 4').spec.condition).toEqual({ kind: 'anomaly', k: 4 });
  });

  it('reads `recover` (or `notify-recovery`) anywhere among the extras; absent, the spec has none', () => {
    expect(rule('credits above 500 recover').spec.recover).toBe(true);
    expect(rule('credits anomaly notify-recovery cli dm').spec).toMatchObject({
      recover: true,
      scope: { kind: 'surface', surface: 'cli' },
    });
    expect(rule('credits above 500 <#C0123|ops> RECOVER provisional').spec).toMatchObject({
      recover: true,
      provisional: true,
    });
    expect(rule('credits above 500').spec).not.toHaveProperty('recover');
  });

  it('reads a scope, a destination and provisional, in any order', () => {
    const parsed = rule('credits above 500 cli <#C0123|codex-ops> provisional');
    expect(parsed.spec.scope).toEqual({ kind: 'surface', surface: 'cli' });
    expect(parsed.spec.provisional).toBe(true);
    expect(parsed.destination).toEqual({ kind: 'channel', channelId: 'C0123' });
    expect(rule('credits above 500').destination).toEqual({ kind: 'dm' });
    for (const team of ['@platform', '<!subteam^S0123|@platform>', 'platform', 'Platform']) {
      expect(rule(`credits above 2k team ${team}`).spec.scope).toEqual({ kind: 'team', team: 'platform' });
    }
    expect(rule('credits above 2k team <#C0456|payments>').spec.scope).toEqual({
      kind: 'team',
      team: 'payments',
    });
    expect(rule('credits above 2k user <@U0AB12|ana>').spec.scope).toEqual({
      kind: 'user',
      slackUserId: 'U0AB12',
    });
  });

  it('parses as `/codex alert preview`', () => {
    expect(parseCommandText('alert preview credits above 5000 per day', now)).toMatchObject({
      name: 'alert',
      action: 'preview',
      spec: { metric: 'credits', condition: { kind: 'above', value: 5000, per: 'day' } },
    });
  });

  it('answers every mistake with what was wrong and the usage line', () => {
    const usage = 'Usage: `/codex alert preview';
    const cases: Array<[string, string]> = [
      ['alert', 'Which alert action?'],
      ['alert previwe credits above 5', 'Did you mean `alert preview`?'],
      ['alert preview', 'Which metric?'],
      ['alert preview credit above 5', 'Did you mean `credits`?'],
      ['alert preview credits', 'When should it fire?'],
      ['alert preview credits abvoe 5', 'Did you mean `above`?'],
      ['alert preview credits above', 'needs a number after it'],
      ['alert preview credits above lots', 'needs a number after it'],
      ['alert preview credits above 50%', 'not a percentage'],
      ['alert preview positive-share below 160%', 'from 0% to 100%'],
      ['alert preview credits change 20%', 'Say which way'],
      ['alert preview credits drops 0%', 'between 1% and 1000%'],
      ['alert preview credits anomaly 50', 'from 0 to 20'],
      ['alert preview p0 above 1 cli', 'workspace-wide'],
      ['alert preview credits above 5 cli ide', 'One scope per rule'],
      ['alert preview credits above 5 team', 'Which team?'],
      ['alert preview credits above 5 user ana', 'Which user?'],
      ['alert preview credits above 5 dm <#C1|x>', 'One destination per rule'],
      ['alert preview credits above 5 banana', "I don't understand"],
    ];
    for (const [text, expected] of cases) {
      const message = failure(text);
      expect(message, text).toContain(expected);
      expect(message, text).toContain(usage);
    }
  });
});

describe('budgets', () => {
  it('reads status, set and remove', () => {
    expect(parseCommandText('budget', now)).toEqual({ name: 'budget', action: 'status' });
    expect(parseCommandText('budget set 50k credits monthly', now)).toEqual({
      name: 'budget',
      action: 'set',
      amount: 50_000,
      unit: 'credits',
      team: null,
    });
    expect(parseCommandText('budget set $2,500 team <!subteam^S1|@platform>', now)).toMatchObject({
      amount: 2500,
      unit: 'usd',
      team: 'platform',
    });
    expect(parseCommandText('budget set 300 usd team #payments', now)).toMatchObject({
      unit: 'usd',
      team: 'payments',
    });
    expect(parseCommandText('budget remove team @platform', now)).toEqual({
      name: 'budget',
      action: 'remove',
      team: 'platform',
    });
  });

  it('answers mistakes with the usage line', () => {
    const cases: Array<[string, string, string]> = [
      ['budget sett 5', 'Did you mean `budget set`?', 'Usage: `/codex budget'],
      ['budget set', 'How much?', 'Usage: `/codex budget set'],
      ['budget set 0 credits', "I don't understand", 'Usage: `/codex budget set'],
      ['budget set 5 gold', "I don't understand", 'Usage: `/codex budget set'],
      ['budget set 5 team', 'Which team?', 'Usage: `/codex budget set'],
      ['budget status now', 'takes nothing after it', 'Usage: `/codex budget status'],
    ];
    for (const [text, expected, usage] of cases) {
      const message = failure(text);
      expect(message, text).toContain(expected);
      expect(message, text).toContain(usage);
    }
  });
});
