import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../../commands/args/closest-match.js';
import { escapeMrkdwn, quoteInput } from '../../../commands/args/echo-input.js';

const names = ['usage', 'top', 'reviews', 'me', 'export', 'digest', 'help'];

describe('editDistance', () => {
  it('counts edits, with an adjacent swap as one', () => {
    expect(editDistance('usage', 'usage')).toBe(0);
    expect(editDistance('usgae', 'usage')).toBe(1);
    expect(editDistance('', 'top')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('closestMatch', () => {
  it.each([
    ['usgae', 'usage'],
    ['USAG', 'usage'],
    ['tpo', 'top'],
    ['reveiws', 'reviews'],
    ['expor', 'export'],
    ['dig', 'digest'],
    ['hlep', 'help'],
    ['mee', 'me'],
  ])('%s → %s', (input, expected) => {
    expect(closestMatch(input, names)).toBe(expected);
  });

  it('suggests nothing for unrelated or very long words', () => {
    expect(closestMatch('xyzzy', names)).toBeNull();
    expect(closestMatch('', names)).toBeNull();
    expect(closestMatch('usage'.repeat(20), names)).toBeNull();
  });
});

describe('echoing input', () => {
  it('escapes mrkdwn control characters', () => {
    expect(escapeMrkdwn('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
  });

  it('quotes as code, hides control characters and backticks', () => {
    expect(quoteInput('a`b')).toBe("`a'b`");
    expect(quoteInput('a\u0000b\u202ec')).toBe('`a\ufffdb\ufffdc`');
  });

  it('keeps at most 60 characters and never splits an emoji', () => {
    const emoji = '😀'.repeat(100);
    const quoted = quoteInput(emoji);
    expect(Array.from(quoted.slice(1, -1))).toHaveLength(60);
    expect(quoted).toBe(`\`${'😀'.repeat(59)}…\``);
  });
});
