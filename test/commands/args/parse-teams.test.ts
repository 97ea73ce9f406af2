import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../../commands/args/parse-command.js';
import { UsageError } from '../../../src/errors.js';

const now = new Date('2026-11-24T10:00:00Z');
const parse = (text: string) => parseCommandText(text, now);
const refusal = (text: string): string => {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`parsed: ${text}`);
};

describe('teams [range]', () => {
  it('defaults to the last 7 full days and takes one range', () => {
    const parsed = parse('teams');
    expect(parsed).toMatchObject({ name: 'teams', window: { label: expect.any(String) } });
    const month = parse('teams last-month');
    if (month.name !== 'teams') throw new Error('expected teams');
    expect(new Date(month.window.start * 1000).toISOString()).toBe('2026-10-01T00:00:00.000Z');
  });

  it('refuses what is not a range, with the usage line', () => {
    expect(refusal('teams ide')).toContain('Usage: `/codex teams [range]`');
    expect(refusal('teams 7d 30d')).toContain('twice');
  });
});

describe('inactive [Nd] [team] [page N]', () => {
  it('defaults to 14 days, every team, page 1', () => {
    expect(parse('inactive')).toEqual({ name: 'inactive', lapsedDays: 14, team: null, page: 1 });
  });

  it('takes its words in any order; a team may be several words (roster names)', () => {
    expect(parse('inactive @platform 30d')).toEqual({
      name: 'inactive',
      lapsedDays: 30,
      team: '@platform',
      page: 1,
    });
    expect(parse('inactive Data Science page 3 7d')).toEqual({
      name: 'inactive',
      lapsedDays: 7,
      team: 'Data Science',
      page: 3,
    });
    expect(parse('inactive <!subteam^S0123ABC|@platform>')).toMatchObject({
      team: '<!subteam^S0123ABC|@platform>',
    });
    expect(parse('inactive <#C0123|team-payments>')).toMatchObject({ team: '<#C0123|team-payments>' });
  });

  it('takes the `team` keyword and quotes as `usage … team` does', () => {
    expect(parse('inactive team @platform')).toMatchObject({ team: '@platform' });
    expect(parse('inactive 30d TEAM "Data Science"')).toMatchObject({ team: 'Data Science', lapsedDays: 30 });
    expect(parse('nudge inactive team #team-payments')).toEqual({ name: 'nudge', team: '#team-payments' });
    expect(refusal('inactive team')).toContain('Which team?');
  });

  it('refuses bad periods, pages and things that cannot be a team', () => {
    expect(refusal('inactive 0d')).toContain('1 to 365 days');
    expect(refusal('inactive 400d')).toContain('1 to 365 days');
    expect(refusal('inactive 7d 14d')).toContain('two periods');
    expect(refusal('inactive page')).toContain('`page` takes one page number');
    expect(refusal('inactive page 0')).toContain('`page` takes one page number');
    expect(refusal('inactive page 2 page 3')).toContain('`page` takes one page number');
    expect(refusal('inactive <!channel>')).toContain("isn't a team");
    expect(refusal('inactive <@U123> @platform')).toContain("isn't a team");
    expect(refusal(`inactive ${'x'.repeat(81)}`)).toContain("can't be a team name");
    expect(refusal('inactive a\u202eb')).toContain("can't be a team name");
  });
});

describe('nudge inactive [team]', () => {
  it('needs the word inactive, then an optional team', () => {
    expect(parse('nudge inactive')).toEqual({ name: 'nudge', team: null });
    expect(parse('nudge INACTIVE #team-payments')).toEqual({ name: 'nudge', team: '#team-payments' });
    expect(refusal('nudge')).toContain('Nudge whom?');
    expect(refusal('nudge inactiv')).toContain('Did you mean `nudge inactive`?');
    expect(refusal('nudge @platform')).toContain('Only inactive members can be nudged');
  });
});
