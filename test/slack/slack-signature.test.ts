/**
 * The ack path's own signature check (slack-signature.ts) accepts only what Bolt's `verifySlackRequest`
 * accepts: a request passing here is acked and handed to Bolt without Bolt checking it again.
 */
import { createHmac } from 'node:crypto';
import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { validSlackSignature } from '../../src/slack/slack-signature.js';

const SECRET = 'test-signing-secret-7d3f9a';
const NOW_MS = Date.UTC(2026, 10, 24, 10, 0, 0);
const NOW_S = NOW_MS / 1000;
const BODY = 'command=%2Fcodex&text=usage+14d&response_url=https%3A%2F%2Fhooks.slack.test%2F1';
const sign = (timestamp: string | number, body = BODY, secret = SECRET) =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

function bolt(signature: string, timestamp: string, body: string): boolean {
  try {
    verifySlackRequest({
      signingSecret: SECRET,
      body,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
      nowMilliseconds: NOW_MS,
    });
    return true;
  } catch {
    return false;
  }
}

const ours = (signature: string, timestamp: string, body = BODY) =>
  validSlackSignature({ signingSecret: SECRET, body, signature, timestamp, nowMs: NOW_MS });

describe('validSlackSignature', () => {
  const good = sign(NOW_S);
  const cases: Array<[string, string, string, string, boolean]> = [
    // [what, signature, timestamp, body, ours accepts]
    ['a good signature', good, String(NOW_S), BODY, true],
    ['4 min 59 s old', sign(NOW_S - 299), String(NOW_S - 299), BODY, true],
    ['5 min old, the edge of the window', sign(NOW_S - 300), String(NOW_S - 300), BODY, true],
    ['stale: 5 min 1 s old', sign(NOW_S - 301), String(NOW_S - 301), BODY, false],
    ['a tampered body', good, String(NOW_S), BODY.replace('usage', 'users'), false],
    ['another timestamp', good, String(NOW_S + 1), BODY, false],
    ['the wrong secret', sign(NOW_S, BODY, 'wrong'), String(NOW_S), BODY, false],
    ['a v1 signature', good.replace('v0=', 'v1='), String(NOW_S), BODY, false],
    ['upper-case hex', `v0=${good.slice(3).toUpperCase()}`, String(NOW_S), BODY, false],
    ['a trailing part Bolt ignores', `${good}=junk`, String(NOW_S), BODY, false],
    ['a short hash', good.slice(0, -2), String(NOW_S), BODY, false],
    ['an empty signature', '', String(NOW_S), BODY, false],
    ['a timestamp that is not a number', sign('soon'), 'soon', BODY, false],
    ['a timestamp with leading zeros (signed as Number)', sign(NOW_S), `00${NOW_S}`, BODY, true],
  ];
  it.each(cases)('%s', (_what, signature, timestamp, body, accepted) => {
    expect(ours(signature, timestamp, body)).toBe(accepted);
    // Whatever passes here passes Bolt's own check.
    if (accepted) expect(bolt(signature, timestamp, body)).toBe(true);
  });

  it('refuses everything without a signing secret', () => {
    expect(
      validSlackSignature({
        signingSecret: '',
        body: BODY,
        signature: good,
        timestamp: String(NOW_S),
        nowMs: NOW_MS,
      }),
    ).toBe(false);
  });
});
