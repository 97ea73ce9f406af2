/**
 * 200 random and hostile `/codex` argument strings (seeded, so a failure reproduces) through the real
 * app, API and fake Slack: every one gets a friendly answer, none leaks a stack trace, and the app is
 * still healthy afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng as prng } from '../../src/dev/simulator/seeded-random.js';
import { ALICE, type E2e, STACK_TRACE, startE2e } from './e2e-harness.js';

const words = [
  'usage',
  'top',
  'reviews',
  'me',
  'export',
  'help',
  'digest',
  'subscribe',
  'list',
  'unsubscribe',
  'preview',
  'send-now',
  'users',
  'csv',
  'json',
  '7d',
  '30d',
  '90d',
  '91d',
  '0d',
  'this-week',
  'last-week',
  '2026-11-01..2026-11-15',
  '2026-02-30',
  '2027-01-01',
  'by',
  'day',
  'week',
  'cli',
  'ide',
  'cloud',
  'credits',
  'streak',
  '10',
  '50',
  '51',
  '-1',
  '1e309',
  'NaN',
  'mon',
  '09:00',
  'Europe/Paris',
  'leadership',
  '#general',
  '<#C0GENERAL1|general>',
];
const commands = ['usage', 'top', 'reviews', 'me', 'export', 'help', 'digest'];
const hostile = [
  '<!channel>',
  '<!here>',
  '<@U0ADMIN001>',
  '*bold*',
  '_it_',
  '`code`',
  '```',
  '"quoted',
  "'; DROP TABLE users; --",
  '../../etc/passwd',
  '\u0000',
  '\u202e',
  '🔥',
  'x'.repeat(300),
  'ümlaut',
  '#{process.exit()}',
  '{{constructor}}',
  '__proto__',
  'constructor',
  'toString',
  '%s%s%s',
  '&amp;',
  '<script>',
  '\\',
  '\t',
  '\n',
  '  ',
  '999999999999999999',
];

function hostileStrings(count: number, seed: number): string[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: count }, () => {
    // Mostly a real subcommand first, so the arguments reach the parsers and the API, not just the router.
    const first = random() < 0.8 ? [pick(commands)] : [];
    const n = Math.floor(random() * 6);
    const rest = Array.from({ length: n }, () => (random() < 0.55 ? pick(words) : pick(hostile)));
    const tokens = [...first, ...rest];
    return tokens.join(pick([' ', '  ', '\t', ' \n ']));
  });
}

describe('hostile /codex arguments through the real app', () => {
  let e: E2e;
  beforeAll(async () => {
    // Text charts keep 200 answers quick; rendering is covered by the other end-to-end tests.
    e = await startE2e({ CHART_RENDERER: 'none' });
  });
  afterAll(async () => {
    await e?.close();
  });

  it('answers every one of 200 strings in a friendly way and stays healthy', async () => {
    const inputs = hostileStrings(200, 0xc0de);
    const sent: Array<{ input: string; responseUrl: string }> = [];
    for (let i = 0; i < inputs.length; i += 10) {
      const batch = inputs.slice(i, i + 10);
      const acks = await Promise.all(batch.map((input) => e.slash(input, { user_id: ALICE })));
      for (const [j, ack] of acks.entries()) {
        expect(ack.status, `ack for ${JSON.stringify(batch[j])}`).toBe(200);
        sent.push({ input: batch[j] ?? '', responseUrl: ack.responseUrl });
      }
    }
    for (const { input, responseUrl } of sent) {
      const answer = await e.answer(responseUrl);
      const label = `answer to ${JSON.stringify(input)}`;
      if (answer.delete_original === true) {
        // Public answers replace the placeholder by a channel post or a file share.
        await Promise.any([
          e.fake.waitForResponse((r) => r.url === responseUrl && typeof r.body.text === 'string'),
          e.fake.waitFor(
            (c) => c.method === 'files.completeUploadExternal' || c.method === 'chat.postMessage',
          ),
        ]);
        continue;
      }
      expect(typeof answer.text, label).toBe('string');
      expect(String(answer.text).trim().length, label).toBeGreaterThan(0);
      expect(JSON.stringify(answer), label).not.toMatch(STACK_TRACE);
      expect(String(answer.text), label).not.toMatch(/Something went wrong/);
    }
    const health = await fetch(`${e.base}/healthz`);
    expect(health.status).toBe(200);
    expect(e.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
