import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../../commands/args/parse-command.js';
import type { ParsedCommand } from '../../../commands/args/parsed-command.js';
import { usageLine } from '../../../commands/args/usage-error.js';
import { UsageError } from '../../../src/errors.js';

const now = new Date('2026-11-24T10:00:00Z');
const s = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
const parse = (text: string): ParsedCommand => parseCommandText(text, now);
const last7 = {
  start: s('2026-11-17'),
  end: s('2026-11-24'),
  label: 'last 7 days (17–23 Nov)',
  running: false,
};
const lastWeek = { start: s('2026-11-16'), end: s('2026-11-23'), label: 'week of 16 Nov', running: false };

function failure(text: string): string {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`expected "${text}" to be rejected`);
}

/** Every order of a list (small lists only). */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe('help', () => {
  it.each(['', '   ', '\n\t', 'help', 'HELP', '?', '--help'])('%j asks for help', (text) => {
    expect(parse(text)).toEqual({ name: 'help' });
  });

  it('takes a topic, before or after the subcommand', () => {
    expect(parse('help top')).toEqual({ name: 'help', topic: 'top' });
    expect(parse('help digest subscribe')).toEqual({ name: 'help', topic: 'digest subscribe' });
    expect(parse('export help')).toEqual({ name: 'help', topic: 'export' });
  });

  it('suggests a topic for a typo', () => {
    const message = failure('help reveiws');
    expect(message).toContain('Did you mean `reviews`?');
    expect(message).toContain(usageLine('help'));
  });
});

describe('usage', () => {
  it('defaults to the last 7 days, all surfaces, by day', () => {
    expect(parse('usage')).toEqual({
      name: 'usage',
      window: last7,
      surface: null,
      bucket: 'day',
      team: null,
    });
  });

  it('reads the issue example', () => {
    expect(parse('usage last-week ide by day')).toEqual({
      name: 'usage',
      window: lastWeek,
      surface: 'ide',
      bucket: 'day',
      team: null,
    });
  });

  it('accepts its words in any order', () => {
    for (const order of permutations(['last-week', 'IDE', 'by week', 'team @platform'])) {
      expect(parse(`usage ${order.join(' ')}`)).toEqual({
        name: 'usage',
        window: lastWeek,
        surface: 'ide',
        bucket: 'week',
        team: '@platform',
      });
    }
  });

  it('buckets by week by default beyond 31 days', () => {
    expect(parse('usage 31d')).toMatchObject({ bucket: 'day' });
    expect(parse('usage 32d')).toMatchObject({ bucket: 'week' });
    expect(parse('usage 90d by day')).toMatchObject({ bucket: 'day' });
  });

  it('buckets long ranges by month, and groups by month or quarter when asked', () => {
    expect(parse('usage 6m')).toMatchObject({ bucket: 'month' });
    expect(parse('usage 12m by quarter')).toMatchObject({ bucket: 'quarter' });
    expect(parse('usage last-quarter BY MONTH')).toMatchObject({ bucket: 'month' });
    expect(parse('usage last-month monthly')).toMatchObject({ bucket: 'month' });
    expect(parse('reviews 2026-01..2026-06 quarterly')).toMatchObject({ bucket: 'quarter' });
    expect(parse('usage this-quarter')).toMatchObject({ bucket: 'week', window: { running: true } });
  });

  it('refuses a year by day with the usage line', () => {
    expect(failure('usage 12m by day')).toBe(
      '`by day` over last 12 months (Nov 2025–Oct 2026) is 365 points, too many for one chart (at most 92): try `by week` or `by month`.\nUsage: `/codex usage [range] [surface] [by day|week|month|quarter] [team @group]`',
    );
    expect(failure('reviews 365d by day')).toContain('`by week` or `by month`');
  });

  it.each([
    ['cli', 'cli'],
    ['IDE', 'ide'],
    ['ide-extension', 'ide'],
    ['Cloud', 'cloud'],
    ['desktop', 'desktop'],
    ['review', 'code_review'],
    ['code-review', 'code_review'],
    ['Code_Review', 'code_review'],
    ['other', 'other'],
  ])('reads the surface %s', (word, surface) => {
    expect(parse(`usage ${word}`)).toMatchObject({ surface });
  });

  it('explains a word it does not know, with ranges and the usage line', () => {
    const message = failure('usage fortnight');
    expect(message).toContain(
      "I didn't understand `fortnight`. Ranges look like `7d`, `30d`, `last-week`, `last-month`, `last-quarter`, `6m`,",
    );
    expect(message).toContain(
      '\nUsage: `/codex usage [range] [surface] [by day|week|month|quarter] [team @group]`',
    );
  });

  it('rejects the same kind twice', () => {
    expect(failure('usage 7d 30d')).toContain('You gave a range twice (`7d` and `30d`)');
    expect(failure('usage cli ide')).toContain('You gave a surface twice');
    expect(failure('usage by day by week')).toContain('You gave a grouping twice');
  });

  it('suggests `Nd` for a bare number', () => {
    expect(failure('usage 30')).toContain('Did you mean `30d`');
  });

  it('suggests the closest word', () => {
    expect(failure('usage by dya')).toContain('Did you mean `by day`?');
    expect(failure('usage lastweek')).toContain('Did you mean `last-week`?');
    expect(failure('usage last-mnth')).toContain('Did you mean `last-month`?');
    expect(failure('usage lastquarter')).toContain('Did you mean `last-quarter`?');
    expect(failure('usage by quartr')).toContain('Did you mean `by quarter`?');
    expect(failure('usage desktp')).toContain('Did you mean `desktop`?');
  });

  it('explains a dangling or odd `by`', () => {
    expect(failure('usage by')).toContain('Group with `by day`, `by week`, `by month` or `by quarter`');
    expect(failure('usage by year')).toContain('Group with `by day`, `by week`, `by month` or `by quarter`');
  });

  it('passes range problems through with the usage line', () => {
    const message = failure('usage 2026-06..2026-01');
    expect(message).toBe(
      '`2026-06..2026-01` ends before it starts: put the earlier date first.\nUsage: `/codex usage [range] [surface] [by day|week|month|quarter] [team @group]`',
    );
    // Older than the API's 90 days parses: the analytics says where its history starts.
    expect(parse('usage 2026-08-01..2026-08-10')).toMatchObject({ name: 'usage', bucket: 'day' });
    expect(failure('usage 2026-02-30..2026-03-01')).toContain("`2026-02-30` isn't a date on the calendar.");
  });
});

describe('top', () => {
  it('defaults to credits, 10 users, all surfaces, last 7 days', () => {
    expect(parse('top')).toEqual({
      name: 'top',
      window: last7,
      key: 'credits',
      limit: 10,
      surface: null,
      team: null,
    });
  });

  it('reads the issue example in every order', () => {
    const expected = {
      name: 'top',
      key: 'credits',
      limit: 20,
      surface: 'cli',
      window: {
        start: s('2026-10-25'),
        end: s('2026-11-24'),
        label: 'last 30 days (25 Oct–23 Nov)',
        running: false,
      },
      team: '<!subteam^S0PLAT|@platform>',
    };
    for (const order of permutations(['credits', '20', 'cli', '30d', '<!subteam^S0PLAT|@platform>'])) {
      expect(parse(`top ${order.join(' ')}`)).toEqual(expected);
    }
  });

  it.each(['credits', 'threads', 'turns', 'tokens', 'streak'])('ranks by %s', (key) => {
    expect(parse(`top ${key.toUpperCase()}`)).toMatchObject({ key });
    expect(parse(`top by ${key}`)).toMatchObject({ key });
  });

  it('takes N from 1 to 50', () => {
    expect(parse('top 1')).toMatchObject({ limit: 1 });
    expect(parse('top 50')).toMatchObject({ limit: 50 });
    expect(failure('top 0')).toContain('pick how many from 1 to 50');
    expect(failure('top 51')).toContain('pick how many from 1 to 50');
    expect(failure('top 99999999999999999999')).toContain('pick how many from 1 to 50');
  });

  it('does not take a grouping', () => {
    expect(failure('top by week')).toContain("`/codex top` doesn't take a grouping");
  });

  it('suggests a key for a typo', () => {
    expect(failure('top credit')).toContain('Did you mean `credits`?');
  });
});

describe('reviews', () => {
  it('defaults and reads range and bucket in any order', () => {
    expect(parse('reviews')).toEqual({ name: 'reviews', window: last7, bucket: 'day', team: null });
    expect(parse('reviews by week last-week')).toEqual({
      name: 'reviews',
      window: lastWeek,
      bucket: 'week',
      team: null,
    });
    expect(parse('reviews 60d')).toMatchObject({ bucket: 'week' });
  });

  it('says it has no surface filter', () => {
    const message = failure('reviews cli');
    expect(message).toContain("`/codex reviews` doesn't take a surface (`cli`).");
    expect(message).toContain(usageLine('reviews'));
  });
});

describe('me', () => {
  it('takes only a range', () => {
    expect(parse('me')).toEqual({ name: 'me', window: last7 });
    expect(parse('ME last-week')).toEqual({ name: 'me', window: lastWeek });
    expect(parse('me this-week')).toMatchObject({ window: { running: true } });
    expect(failure('me ide')).toContain("`/codex me` doesn't take a surface");
  });
});

describe('export', () => {
  it('needs a kind; csv and the last 7 days by default', () => {
    expect(parse('export usage')).toEqual({
      name: 'export',
      kind: 'usage',
      format: 'csv',
      window: last7,
      team: null,
    });
    const message = failure('export');
    expect(message).toContain('Export what?');
    expect(message).toContain(
      'Usage: `/codex export &lt;usage|users|reviews&gt; [csv|json] [range] [team @group]`',
    );
  });

  it('reads kind, format and range in any order', () => {
    for (const order of permutations(['users', 'JSON', 'last-week', 'team "Data Science"'])) {
      expect(parse(`export ${order.join(' ')}`)).toEqual({
        name: 'export',
        kind: 'users',
        format: 'json',
        window: lastWeek,
        team: 'Data Science',
      });
    }
    expect(parse('export reviews 90d')).toMatchObject({ kind: 'reviews', format: 'csv' });
  });

  it('rejects two kinds or an unknown format', () => {
    expect(failure('export usage users')).toContain('You gave an export kind twice');
    expect(failure('export usage xlsx')).toContain('Formats are `csv`, `json`.');
  });
});

describe('unknown subcommands', () => {
  it('suggests the closest one and lists them all', () => {
    const message = failure('usgae');
    expect(message).toContain("I don't know the command `usgae`. Did you mean `usage`?");
    expect(message).toContain(
      'Commands: `usage`, `top`, `reviews`, `me`, `export`, `teams`, `inactive`, `nudge`, `digest`, `alert`, `budget`, `help`.',
    );
    expect(failure('tpo 10')).toContain('Did you mean `top`?');
    expect(failure('dig')).toContain('Did you mean `digest`?');
    expect(failure('exprot users')).toContain('Did you mean `export`?');
  });

  it('offers `usage` when the text starts with a range or surface', () => {
    expect(failure('last-week ide')).toContain('Did you mean `/codex usage last-week ide`?');
  });

  it('puts a subcommand typed after the range first instead of adding `usage` before it', () => {
    expect(failure('last-week usage')).toContain('Did you mean `/codex usage last-week`?');
    expect(failure('30d top cli')).toContain('Did you mean `/codex top 30d cli`?');
  });

  it('lists the commands without a guess for nonsense', () => {
    const message = failure('xyzzy');
    expect(message).not.toContain('Did you mean');
    expect(message).toContain('Commands:');
  });

  it('refuses very long text without echoing it', () => {
    const message = failure(`usage ${'x'.repeat(5000)}`);
    expect(message).toContain('too long');
    expect(message.length).toBeLessThan(200);
  });
});

describe('echoed input', () => {
  it('escapes Slack control sequences', () => {
    const message = failure('usage <!channel>');
    expect(message).toContain('`&lt;!channel&gt;`');
    expect(message).not.toContain('<!');
    expect(failure('<!here>')).not.toContain('<!');
    expect(failure('usage <@U123>&')).toContain('&lt;@U123&gt;&amp;');
  });

  it('cuts long words to about 60 characters', () => {
    const word = 'a'.repeat(500);
    const message = failure(`usage ${word}`);
    expect(message).toContain(`\`${'a'.repeat(59)}…\``);
    expect(message).not.toContain('a'.repeat(61));
  });

  it('never reads the clock: a bad now is a programming error, not a UsageError', () => {
    expect(() => parseCommandText('usage', new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('the team slot (issue 12 §3)', () => {
  it('reads `team <name>`, a bare group mention and a quoted roster name on usage, top, reviews, export', () => {
    expect(parse('usage team @platform last-week')).toMatchObject({ team: '@platform', window: lastWeek });
    expect(parse('usage @platform')).toMatchObject({ team: '@platform' });
    expect(parse('usage <!subteam^S0PLAT|@platform>')).toMatchObject({ team: '<!subteam^S0PLAT|@platform>' });
    expect(parse('top TEAM #team-payments 5')).toMatchObject({ team: '#team-payments', limit: 5 });
    expect(parse('reviews team <#C0PAY|team-payments>')).toMatchObject({ team: '<#C0PAY|team-payments>' });
    expect(parse('export usage team "Data Science" json')).toMatchObject({
      team: 'Data Science',
      format: 'json',
    });
  });

  it('takes no team on me; asks which team after a lone `team`; refuses two', () => {
    expect(failure('me team @platform')).toContain("`/codex me` doesn't take a team");
    expect(failure('usage team')).toContain('Which team? E.g. `team @platform`');
    expect(failure('usage team')).toContain('Usage: `/codex usage [range]');
    expect(failure('usage team @a team @b')).toContain('You gave a team twice');
    expect(failure('top @a @b')).toContain('You gave a team twice');
  });

  it('refuses what cannot be a team name, escaped, with the usage line', () => {
    const message = failure('usage team <!channel>');
    expect(message).toContain("isn't a team");
    expect(message).not.toContain('<!channel>');
    expect(message).toContain('Usage: `/codex usage');
    expect(failure(`export usage team ${'x'.repeat(81)}`)).toContain("can't be a team name");
  });
});
