/**
 * Issue 9, 5.3: one correctly signed `payload=null` made Bolt 5.1's HTTPReceiver throw inside an
 * un-awaited closure — the request hung and the unhandled rejection ended the process. Signed bodies
 * that are not a JSON object now get a 400 and a log line, and the app keeps answering.
 */

import { defaultBodyLimit } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { bodyProblem, isEndpoint } from '../../src/slack/guarded-receiver.js';
import { type SignedRequest, slackSignature } from '../helpers/slack-signing.js';
import { type Harness, SECRET, startEdge } from './edge-harness.js';

function signedRaw(body: string, contentType: string): SignedRequest {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(SECRET, timestamp, body),
    },
  };
}

const FORM = 'application/x-www-form-urlencoded';

describe('signed bodies that are not a JSON object', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('answers payload=null with 400 and a log line, then keeps answering commands', async () => {
    h = await startEdge();
    const res = await h.send(signedRaw('payload=null', FORM));
    expect(res.status).toBe(400);
    await res.text();
    const line = h.logger.lines.find((l) => l.code === 'slack_request_invalid');
    expect(line).toMatchObject({ level: 'warn', problem: 'payload is null' });

    // whoami is not shareable: no share store to open, so the answer comes straight back.
    const { status, responseUrl } = await h.slash('whoami');
    expect(status).toBe(200);
    expect(await h.answer(responseUrl)).toMatchObject({ replace_original: true });
  });

  it('rejects other non-objects (JSON null body, arrays, numbers, strings) the same way', async () => {
    h = await startEdge();
    for (const [body, type] of [
      ['null', 'application/json'],
      ['payload=%5B%5D', FORM],
      ['payload=5', FORM],
      ['payload=%22x%22', FORM],
    ] as const) {
      const res = await h.send(signedRaw(body, type));
      await res.text();
      expect(res.status, body).toBe(400);
    }
    expect(h.logger.lines.filter((l) => l.code === 'slack_request_invalid')).toHaveLength(4);
  });

  it('leaves the signature check to Bolt: an unsigned payload=null is a 401', async () => {
    h = await startEdge();
    const bad = signedRaw('payload=%7B%7D', FORM);
    const res = await h.send({ ...bad, headers: { ...bad.headers, 'x-slack-signature': 'v0=00' } });
    await res.text();
    expect(res.status).toBe(401);
  });
});

describe('request bodies read by the receiver', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("answers a body over Bolt's limit with 413 and a log line, then keeps answering commands", async () => {
    h = await startEdge();
    const res = await h.send(signedRaw(`command=%2Fcodex&text=${'x'.repeat(defaultBodyLimit)}`, FORM));
    await res.text();
    expect(res.status).toBe(413);
    expect(h.logger.lines.find((l) => l.code === 'slack_request_invalid')).toMatchObject({
      level: 'warn',
      problem: 'request entity too large',
    });
    const { status, responseUrl } = await h.slash('whoami');
    expect(status).toBe(200);
    expect(await h.answer(responseUrl)).toMatchObject({ replace_original: true });
  });
});

describe('isEndpoint', () => {
  it('routes as Bolt does (new URL(url).pathname), also for paths only URL resolves', () => {
    const endpoints = ['/slack/events'];
    for (const url of [
      '/slack/events',
      '/slack/events?x=1',
      '/slack/./events',
      '/slack/x/../events',
      '/slack/%65vents/../events',
      'http://example.com/slack/events',
      '/slack\\events',
      '/healthz',
      '/slack/events/',
      '//slack/events',
      '/slack//events',
      '/Slack/events',
      '/',
    ])
      expect(isEndpoint(url, endpoints), url).toBe(
        endpoints.includes(new URL(url, 'http://localhost').pathname),
      );
    expect(isEndpoint('/slack/./events', endpoints)).toBe(true);
    expect(isEndpoint(undefined, endpoints)).toBe(false);
  });
});

describe('bodyProblem', () => {
  it('mirrors how Bolt parses bodies', () => {
    expect(bodyProblem('payload=null', FORM)).toBe('payload is null');
    expect(bodyProblem('payload=%7B%7D', FORM)).toBeUndefined();
    expect(bodyProblem('command=%2Fcodex&text=usage', FORM)).toBeUndefined();
    // Two payload fields: Bolt falls back to the form fields, an object.
    expect(bodyProblem('payload=1&payload=2', FORM)).toBeUndefined();
    // Not JSON at all: Bolt answers 400 "Malformed request body" itself.
    expect(bodyProblem('payload=%7B', FORM)).toBeUndefined();
    expect(bodyProblem('true', 'application/json')).toBe('body is boolean');
  });
});
