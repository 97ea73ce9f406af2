import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALICE, type Harness, startEdge } from './edge-harness.js';

/**
 * Issue 9 (5.6): at LOG_LEVEL=debug, WebClient logs every Slack API result verbatim — users.info
 * included, with the profile email. Through the real Bolt app and the fake Slack, no log line may
 * carry a profile email, a profile name or the bot token.
 */
describe('debug logs of a slash command through the real Bolt app', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startEdge();
    h.fake.users.set(ALICE, {
      id: ALICE,
      name: 'Alice Liddell',
      email: 'alice.liddell@wonderland.example',
      tz: 'Europe/Paris',
    });
  });
  afterEach(async () => {
    await h.close();
  });

  it('hold no profile email, profile name or token, though users.info was called and logged', async () => {
    const { responseUrl } = await h.slash('whoami');
    await h.answer(responseUrl);
    await h.slash('plain').then(({ responseUrl: url }) => h.answer(url));
    expect(h.logger.getLevel()).toBe('debug');
    expect(h.fake.calls.map((c) => c.method)).toContain('users.info');
    const lines = h.logger.lines.map((line) => JSON.stringify(line));
    // WebClient did log the users.info exchange at debug level: we test the redaction, not silence.
    expect(lines.some((line) => line.includes('users.info'))).toBe(true);
    for (const line of lines) {
      expect(line).not.toContain('alice.liddell@wonderland.example');
      expect(line).not.toContain('Alice Liddell');
      expect(line).not.toContain('xoxb-test-token');
      expect(line).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
    }
  });
});
