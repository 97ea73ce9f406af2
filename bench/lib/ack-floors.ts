/**
 * What an ack costs before any of our code runs, on this machine and under the same driver: the floors
 * under the bot's burst figures. `http`: node:http alone (read the body, answer the placeholder JSON);
 * `verify`: the same plus Slack's signature check and the form parse — what a receiver that acks a slash
 * command on receipt, before Bolt's middleware, would cost; `bolt`: Bolt 5's App over its own
 * HTTPReceiver with one `/codex` listener that only acks (as configured here: no conversation store).
 * Each prints `{ port }` and traces its acks (ack-trace.ts) like the bot.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { App, LogLevel } from '@slack/bolt';
import { traceAcks } from './ack-trace.js';

const PLACEHOLDER = JSON.stringify({ response_type: 'ephemeral', text: 'Working on it… :hourglass:' });

export type FloorKind = 'http' | 'verify' | 'bolt';

export async function runFloorRole(kind: FloorKind, secret: string): Promise<void> {
  const acks = traceAcks('/slack/events');
  const port =
    kind === 'bolt' ? await bareBolt(secret) : await bareHttp(kind === 'verify' ? secret : undefined);
  console.log(JSON.stringify({ port }));
  process.once('SIGTERM', () => {
    console.log(JSON.stringify({ botAcks: acks.summary(1) }));
    process.exit(0);
  });
}

async function bareHttp(secret: string | undefined): Promise<number> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => {
      const body = Buffer.concat(chunks).toString();
      const ok =
        secret === undefined || (signed(req, body, secret) && typeof parseQuery(body).command === 'string');
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(ok ? PLACEHOLDER : '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Slack's v0 signature over `v0:{timestamp}:{body}`, compared in constant time. */
function signed(req: IncomingMessage, body: string, secret: string): boolean {
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  if (!Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return false;
  const expected = Buffer.from(
    `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`,
  );
  const given = Buffer.from(String(req.headers['x-slack-signature'] ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function bareBolt(secret: string): Promise<number> {
  const app = new App({
    signingSecret: secret,
    token: 'xoxb-bench',
    botId: 'B0FAKEBOT1',
    botUserId: 'U0FAKEBOT1',
    logLevel: LogLevel.ERROR,
    convoStore: false,
  });
  app.command('/codex', async ({ ack }) => {
    await ack({ response_type: 'ephemeral', text: 'Working on it… :hourglass:' });
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return (server.address() as AddressInfo).port;
}
