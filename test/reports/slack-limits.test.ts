import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { context, fields, header, section } from '../../reports/blocks/block-helpers.js';
import type { ReportMessage } from '../../reports/blocks/report-message.js';
import {
  checkLimits,
  checkThreadLimits,
  fitMessage,
  measureText,
  slackLimits,
  truncate,
} from '../../reports/limits/slack-limits.js';

const msg = (blocks: KnownBlock[], text = 'fallback'): ReportMessage => ({ text, blocks, charts: [] });
const rules = (m: ReportMessage, surface: 'message' | 'home' = 'message') =>
  checkLimits(m, { surface }).map((v) => v.rule);

describe('truncate', () => {
  it('keeps short text and cuts long text with an ellipsis, never over max', () => {
    expect(truncate('hello', 5)).toBe('hello');
    expect(truncate('hello world', 6)).toBe('hello…');
    expect(truncate('x'.repeat(5000), 3000)).toHaveLength(3000);
  });
  it('never splits a surrogate pair or an entity', () => {
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate('a &amp; b', 6)).toBe('a…');
  });
});

describe('measureText', () => {
  it('counts section text, fields, headers, context and alt text', () => {
    const blocks: KnownBlock[] = [header('abc'), section('12345'), fields(['ab', 'cd']), context(['xyz'])];
    blocks.push({ type: 'image', image_url: 'https://x.test/a.png', alt_text: '1234' });
    expect(measureText(blocks)).toBe(3 + 5 + 4 + 3 + 4);
  });
});

describe('checkLimits', () => {
  it('accepts a small valid message', () => {
    expect(checkLimits(msg([header('Hi'), section('text'), context(['footer'])]))).toEqual([]);
  });
  it('reports each broken limit', () => {
    const raw: KnownBlock[] = [
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
      { type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3001) } },
      { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: 'f' })) },
      { type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2001) }] },
      {
        type: 'context',
        elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: 'c' })),
      },
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b'.repeat(76) } }],
      },
      {
        type: 'image',
        image_url: 'https://x.test/a.png',
        alt_text: 'a'.repeat(2001),
        block_id: 'i'.repeat(256),
      },
      { type: 'section', text: { type: 'mrkdwn', text: '' } },
    ];
    expect(rules(msg(raw, ''))).toEqual(
      expect.arrayContaining([
        'fallback-text-empty',
        'header',
        'section',
        'fields',
        'field',
        'context-elements',
        'button',
        'image-alt-text',
        'block-id',
        'section-empty',
      ]),
    );
  });
  it('allows 100 blocks in Home but 50 in a message, and budgets text only in messages', () => {
    const many = msg(Array.from({ length: 60 }, () => section('x'.repeat(300))));
    expect(rules(many)).toEqual(['blocks', 'text-budget']);
    expect(rules(many, 'home')).toEqual([]);
  });
  it('flags duplicate block ids and chart alt text over 2000', () => {
    const m: ReportMessage = {
      text: 't',
      blocks: [section('a', 'same'), section('b', 'same')],
      charts: [
        {
          key: 'k',
          title: 't',
          altText: 'x'.repeat(2001),
          width: 1,
          height: 1,
          config: { type: 'bar', data: { datasets: [] } },
        },
      ],
    };
    expect(rules(m)).toEqual(['block-id-duplicate', 'chart-alt-text']);
  });
  it('prefixes thread paths', () => {
    const bad = msg([{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }]);
    expect(checkThreadLimits({ parent: msg([]), replies: [bad] }).map((v) => v.path)).toEqual([
      'replies[0].blocks[0].text',
    ]);
  });
});

describe('fitMessage', () => {
  const footer = context(['window · freshness · source'], 'report-footer');
  it('never exceeds the 11k budget or 50 blocks with absurdly long input, and keeps the footer', () => {
    const rows = Array.from({ length: 500 }, (_, i) => `row ${i} ${'x'.repeat(90)}`).join('\n');
    const raw: KnownBlock[] = [
      { type: 'header', text: { type: 'plain_text', text: 'H'.repeat(10_000) } },
      ...Array.from({ length: 80 }, () => ({
        type: 'section' as const,
        text: { type: 'mrkdwn' as const, text: rows },
      })),
      footer,
    ];
    const fitted = fitMessage(msg(raw, 'T'.repeat(100_000)));
    expect(checkLimits(fitted)).toEqual([]);
    expect(measureText(fitted.blocks)).toBeLessThanOrEqual(slackLimits.messageTextBudget);
    expect(fitted.blocks.at(-1)).toEqual(footer);
    expect(JSON.stringify(fitted.blocks)).toMatch(/more (lines|blocks)/);
  });
  it('drops rows from the end of a long list and says how many', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `• item ${i} ${'y'.repeat(50)}`);
    const blocks = [
      section(lines.slice(0, 50).join('\n')),
      section(lines.slice(50, 100).join('\n')),
      section(lines.slice(100, 150).join('\n')),
      section(lines.slice(150).join('\n')),
      footer,
    ];
    const fitted = fitMessage(msg(blocks), { textBudget: 5000 });
    expect(measureText(fitted.blocks)).toBeLessThanOrEqual(5000);
    expect(JSON.stringify(fitted.blocks)).toContain('• item 0 ');
    expect(JSON.stringify(fitted.blocks)).toMatch(/…and \d+ more lines/);
  });
  it('squeezes even a footer that alone is too long', () => {
    const huge = context(Array.from({ length: 12 }, () => 'z'.repeat(5000)));
    const fitted = fitMessage(msg([huge]));
    expect(checkLimits(fitted)).toEqual([]);
  });
  it('leaves a message that fits untouched', () => {
    const m = msg([header('Hi'), section('ok'), footer]);
    expect(fitMessage(m)).toEqual(m);
  });
});
