import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../../commands/args/parse-command.js';
import type { ParsedCommand } from '../../../commands/args/parsed-command.js';
import { UsageError } from '../../../src/errors.js';

const now = new Date('2026-11-24T10:00:00Z');
const parse = (text: string, defaultTimeZone?: string): ParsedCommand =>
  parseCommandText(text, now, defaultTimeZone === undefined ? {} : { defaultTimeZone });

function failure(text: string): string {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`expected "${text}" to be rejected`);
}

const subscribeUsage =
  'Usage: `/codex digest subscribe [#channel] [mon..sun] [HH:MM] [timezone] [standard|leadership] [weekly|monthly|quarterly] [team @group]`';

describe('digest subscribe', () => {
  it('defaults to this channel, Monday 09:00, the caller’s time zone, standard', () => {
    expect(parse('digest subscribe', 'America/New_York')).toEqual({
      name: 'digest',
      action: 'subscribe',
      channelId: null,
      channelName: null,
      day: 'mon',
      time: '09:00',
      timeZone: 'America/New_York',
      style: 'standard',
      cadence: 'weekly',
      team: null,
    });
  });

  it('falls back to UTC when the caller’s time zone is missing or invalid', () => {
    expect(parse('digest subscribe')).toMatchObject({ timeZone: 'UTC' });
    expect(parse('digest subscribe', 'Mars/Olympus_Mons')).toMatchObject({ timeZone: 'UTC' });
  });

  it('reads how often: weekly, monthly or quarterly, once, with a did-you-mean', () => {
    expect(parse('digest subscribe quarterly')).toMatchObject({ cadence: 'quarterly', day: 'mon' });
    expect(parse('digest subscribe WEEKLY fri')).toMatchObject({ cadence: 'weekly', day: 'fri' });
    expect(failure('digest subscribe monthly quarterly')).toContain(
      'You gave two cadences (`monthly` and `quarterly`): pick one.',
    );
    expect(failure('digest subscribe monthy')).toContain('Did you mean `monthly`?');
  });

  it('reads an escaped channel with or without its name, keeping the id', () => {
    expect(parse('digest subscribe <#C0123|general>')).toMatchObject({
      channelId: 'C0123',
      channelName: 'general',
    });
    expect(parse('digest subscribe <#C0123>')).toMatchObject({ channelId: 'C0123', channelName: null });
    expect(parse('digest subscribe <#G0ABC|>')).toMatchObject({ channelId: 'G0ABC', channelName: null });
  });

  it('reads every field in any order', () => {
    const expected = {
      name: 'digest',
      action: 'subscribe',
      channelId: 'C0123',
      channelName: 'eng-leads',
      day: 'fri',
      time: '16:30',
      timeZone: 'Europe/Paris',
      style: 'leadership',
      cadence: 'monthly',
      team: '@platform',
    };
    const words = [
      '<#C0123|eng-leads>',
      'Friday',
      '16:30',
      'europe/paris',
      'LEADERSHIP',
      'Monthly',
      'team @platform',
    ];
    for (let shift = 0; shift < words.length; shift++) {
      const order = [...words.slice(shift), ...words.slice(0, shift)];
      expect(parse(`digest subscribe ${order.join(' ')}`)).toEqual(expected);
      expect(parse(`digest subscribe ${order.reverse().join(' ')}`)).toEqual(expected);
    }
  });

  it.each([
    ['mon', 'mon'],
    ['Tuesday', 'tue'],
    ['tues', 'tue'],
    ['WED', 'wed'],
    ['thurs', 'thu'],
    ['sat', 'sat'],
    ['sunday', 'sun'],
  ])('reads the day %s', (word, day) => {
    expect(parse(`digest subscribe ${word}`)).toMatchObject({ day });
  });

  it('pads the hour and rejects times that are not 24-hour HH:MM', () => {
    expect(parse('digest subscribe 9:05')).toMatchObject({ time: '09:05' });
    expect(parse('digest subscribe 00:00')).toMatchObject({ time: '00:00' });
    expect(parse('digest subscribe 23:59')).toMatchObject({ time: '23:59' });
    for (const bad of ['24:00', '9:60', '9.30', '12h30']) {
      expect(failure(`digest subscribe ${bad}`)).toContain("isn't a time: use 24-hour `HH:MM`");
    }
  });

  it('validates time zones with Intl and stores the canonical name', () => {
    expect(parse('digest subscribe asia/kolkata')).toMatchObject({ timeZone: 'Asia/Kolkata' });
    expect(parse('digest subscribe UTC')).toMatchObject({ timeZone: 'UTC' });
    expect(parse('digest subscribe america/new_york')).toMatchObject({ timeZone: 'America/New_York' });
    expect(parse('digest subscribe us/eastern')).toMatchObject({ timeZone: 'US/Eastern' });
    const message = failure('digest subscribe Europe/Pariss');
    expect(message).toContain("`Europe/Pariss` isn't a time zone I know");
    expect(message).toContain(subscribeUsage);
  });

  it('asks for the autocomplete when the channel arrives unescaped', () => {
    expect(failure('digest subscribe #general')).toContain(
      'pick it from Slack’s autocomplete'.replace('’', "'"),
    );
  });

  it('rejects two values for one field', () => {
    expect(failure('digest subscribe mon fri')).toContain('You gave two days (`mon` and `fri`)');
    expect(failure('digest subscribe <#C1> <#C2>')).toContain('You gave two channels');
    expect(failure('digest subscribe UTC Europe/Paris')).toContain('You gave two time zones');
  });

  it('suggests a day or style for a typo, and never echoes a mention', () => {
    expect(failure('digest subscribe fridy')).toContain('Did you mean `friday`?');
    expect(failure('digest subscribe leadrship')).toContain('Did you mean `leadership`?');
    const message = failure('digest subscribe <@U123>');
    expect(message).toContain('`&lt;@U123&gt;`');
    expect(message).toContain('in any order');
  });
});

describe('other digest actions', () => {
  it('list takes nothing', () => {
    expect(parse('digest list')).toEqual({ name: 'digest', action: 'list' });
    expect(failure('digest list all')).toContain('takes nothing after it');
  });

  it('unsubscribe and send-now need exactly one id', () => {
    expect(parse('digest unsubscribe 3')).toEqual({ name: 'digest', action: 'unsubscribe', id: '3' });
    expect(parse('digest SEND-NOW sub_01H')).toEqual({ name: 'digest', action: 'send-now', id: 'sub_01H' });
    expect(failure('digest unsubscribe')).toContain(
      'Which subscription? `/codex digest list` shows the ids.',
    );
    expect(failure('digest send-now 1 2')).toContain('takes one subscription id');
    expect(failure('digest unsubscribe 1;DROP')).toContain("isn't a subscription id");
  });

  it('preview takes an optional id', () => {
    expect(parse('digest preview')).toEqual({ name: 'digest', action: 'preview', id: null });
    expect(parse('digest preview 7')).toEqual({ name: 'digest', action: 'preview', id: '7' });
  });

  it('explains a missing or mistyped action with every digest usage line', () => {
    const missing = failure('digest');
    expect(missing).toContain('Which digest action?');
    expect(missing).toContain('Usage: `/codex digest list`');
    expect(missing).toContain('Usage: `/codex digest unsubscribe &lt;id&gt;`');
    expect(failure('digest subscibe')).toContain('Did you mean `digest subscribe`?');
    expect(failure('digest sendnow 3')).toContain('Did you mean `digest send-now`?');
  });
});

describe('digest subscribe with a team (issue 12 §3)', () => {
  it('reads `team <name>` or a bare group mention beside a channel, once', () => {
    expect(parse('digest subscribe <#C0PLAT|team-platform> team @platform fri')).toMatchObject({
      channelId: 'C0PLAT',
      team: '@platform',
      day: 'fri',
    });
    expect(parse('digest subscribe <!subteam^S0PLAT|@platform>')).toMatchObject({
      team: '<!subteam^S0PLAT|@platform>',
      channelId: null,
    });
    expect(parse('digest subscribe team "Data Science" leadership')).toMatchObject({ team: 'Data Science' });
    expect(failure('digest subscribe team @a team @b')).toContain('You gave two teams');
    expect(failure('digest subscribe team')).toContain('Which team?');
    expect(failure('digest subscribe team')).toContain(subscribeUsage);
  });
});
