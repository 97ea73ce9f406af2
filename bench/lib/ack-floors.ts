/**
 * What an ack costs before any of our code runs, on this machine and under the same driver: the floor
 * under the bot's burst figures. `floor-http` is node:http alone (read the body, answer the placeholder
 * JSON); `floor-bolt` is Bolt 5's App over its own HTTPReceiver with one `/codex` listener that only acks
 * (signature check, parsing and middleware, nothing of ours). Both print `{ port }` and trace their acks
 * (ack-trace.ts) like the bot.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { traceAcks } from './ack-trace.js';

const PLACEHOLDER = JSON.stringify({ response_type: 'ephemeral', text: 'Working on it… :hourglass:' });

export async function runFloorRole(kind: 'http' | 'bolt', secret: string): Promise<void> {
  const acks = traceAcks('/slack/events');
  const port = kind === 'http' ? await bareHttp() : await bareBolt(secret);
  console.log(JSON.stringify({ port }));
  process.once('SIGTERM', () => {
    console.log(JSON.stringify({ botAcks: acks.summary(1) }));
    process.exit(0);
  });
}

async function bareHttp(): Promise<number> {
  const server = createServer((req, res) => {
    req.resume();
    req.once('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(PLACEHOLDER);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function bareBolt(secret: string): Promise<number> {
  const app = new App({
    signingSecret: secret,
    token: 'xoxb-bench',
    botId: 'B0FAKEBOT1',
    botUserId: 'U0FAKEBOT1',
    logLevel: LogLevel.ERROR,
  });
  app.command('/codex', async ({ ack }) => {
    await ack({ response_type: 'ephemeral', text: 'Working on it… :hourglass:' });
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return (server.address() as AddressInfo).port;
}
