import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../../commands/args/parse-command.js';
import type { ParsedCommand } from '../../../commands/args/parsed-command.js';
import { createRng } from '../../../src/dev/simulator/seeded-random.js';
import { UsageError } from '../../../src/errors.js';

const now = new Date('2026-11-24T10:00:00Z');
const parse = (text: string, zone?: string) =>
  parseCommandText(text, now, zone === undefined ? {} : { defaultTimeZone: zone });

function usageMessage(text: string): string {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`expected a UsageError for ${text}`);
}

describe('me subscribe / unsubscribe', () => {
  it('defaults to Monday 09:00 in the caller’s Slack zone, else UTC', () => {
    expect(parse('me subscribe', 'Europe/Paris')).toEqual({
      name: 'me',
      action: 'subscribe',
      day: 'mon',
      time: '09:00',
      timeZone: 'Europe/Paris',
    });
    expect(parse('me subscribe')).toMatchObject({ timeZone: 'UTC' });
    expect(parse('me subscribe', 'Not/AZone')).toMatchObject({ timeZone: 'UTC' });
  });

  it('takes a day and a time in any order, in any case', () => {
    expect(parse('me subscribe fri 16:30')).toMatchObject({ day: 'fri', time: '16:30' });
    expect(parse('ME Subscribe 7:05 Thursday')).toMatchObject({ day: 'thu', time: '07:05' });
    expect(parse('me subscribe sun')).toMatchObject({ day: 'sun', time: '09:00' });
  });

  it('parses unsubscribe, and refuses words after it', () => {
    expect(parse('me unsubscribe')).toEqual({ name: 'me', action: 'unsubscribe' });
    expect(usageMessage('me unsubscribe now')).toContain('takes nothing after it');
  });

  it('refuses two days, two times, a bad time and unknown words, with the usage line', () => {
    expect(usageMessage('me subscribe mon fri')).toContain('two days');
    expect(usageMessage('me subscribe 09:00 10:00')).toContain('two times');
    expect(usageMessage('me subscribe 25:61')).toContain("isn't a time");
    const guess = usageMessage('me subscribe fryday');
    expect(guess).toContain('Did you mean `friday`?');
    expect(guess).toContain('/codex me subscribe [mon..sun] [HH:MM]');
    expect(usageMessage('me subscribe #general')).toContain('I didn');
  });

  it('keeps `/codex me [range]`, and points a misspelt action at the right one', () => {
    expect(parse('me last-week')).toMatchObject({ name: 'me', window: { label: expect.any(String) } });
    expect(usageMessage('me subscibe')).toContain('Did you mean `me subscribe`?');
    expect(usageMessage('me unsubscibe')).toContain('Did you mean `me unsubscribe`?');
  });

  it('300 seeded random subscribe strings: a request or a short, escaped UsageError', () => {
    const next = createRng(20261213);
    const words = [
      'mon',
      'Friday',
      'sat',
      '09:00',
      '7:30',
      '23:59',
      '24:00',
      '9.30',
      'noon',
      'Europe/Paris',
      'weekly',
      '<!channel>',
      '<@U123>',
      '\u202eevil',
      '😀',
      'x'.repeat(300),
      '__proto__',
      '',
    ];
    let parsed = 0;
    let rejected = 0;
    for (let i = 0; i < 300; i++) {
      const count = Math.floor(next() * 4);
      const picked = Array.from({ length: count }, () => words[Math.floor(next() * words.length)] ?? '');
      const head = next() < 0.85 ? 'me subscribe' : 'me unsubscribe';
      let result: ParsedCommand | UsageError;
      try {
        result = parse(`${head} ${picked.join(' ')}`, 'America/New_York');
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        result = error;
      }
      if (result instanceof UsageError) {
        rejected++;
        expect(result.message.length).toBeLessThan(1500);
        expect(result.message).not.toContain('<');
        continue;
      }
      parsed++;
      if (result.name !== 'me' || !('action' in result)) throw new Error('expected a me action');
      if (result.action === 'subscribe') {
        expect(result.time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
        expect(result.timeZone).toBe('America/New_York');
      }
    }
    expect(parsed).toBeGreaterThan(30);
    expect(rejected).toBeGreaterThan(30);
  });
});
