/**
 * The burst with nothing but the bot on the bot's event loop (issue 9, 5.5). The in-process driver
 * (slack-bench-setup.ts) signs, sends, reads acks and hosts the fake Slack in one process, so an ack
 * it times includes its own work for the other 199 requests and every answer the bot delivers. Here:
 *  - `--role slack`: the fake Slack alone; prints its address, then one JSON line per final answer
 *    (`{ answer, at, failed }`, `at` in epoch ms from performance.timeOrigin, comparable across processes);
 *  - `--role driver`: on each stdin line `{ n, text }`, signs and serialises n requests before the clock
 *    starts, then sends them at once, each on a fresh connection (as Slack's concurrent requests
 *    arrive) written as raw bytes with node:net — an http.request per command cost the driver enough that
 *    it read early acks late — and prints `{ sent: [{ responseUrl, sentAt, ackMs, status }] }`. An ack
 *    is timed to the first bytes of its response (the whole small response arrives in one write).
 */
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { startFakeSlack } from '../../src/dev/fake-slack/fake-slack.js';
import { type SignedRequest, signedSlashCommand } from '../../test/helpers/slack-signing.js';
import { BENCH_USER, SECRET, spawnRole } from './slack-bench-setup.js';

/** Epoch ms with sub-ms resolution, comparable between the bench's processes. */
export const epochMs = () => performance.timeOrigin + performance.now();

export interface SentCommand {
  responseUrl: string;
  sentAt: number;
  ackMs: number;
  status: number;
}

export interface AnswerLine {
  answer: string;
  at: number;
  failed: boolean;
}

export async function runFakeSlackRole(): Promise<void> {
  const fake = await startFakeSlack();
  fake.users.set(BENCH_USER, { id: BENCH_USER, name: 'bench', email: 'bench@example.com' });
  fake.onEvent((event) => {
    if (event.kind !== 'response' || event.response.body.replace_original !== true) return;
    const line: AnswerLine = {
      answer: event.response.url,
      at: epochMs(),
      failed: String(event.response.body.text).includes(':warning:'),
    };
    console.log(JSON.stringify(line));
  });
  console.log(JSON.stringify({ url: fake.url, responseBase: fake.responseUrl('') }));
  process.once('SIGTERM', () => void fake.close().then(() => process.exit(0)));
}

export function runDriverRole(args: { port: number; responseBase: string }): void {
  let sequence = 0;
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const { n, text } = JSON.parse(line) as { n: number; text: string };
    // Signed and serialised up front: the timed part is the bot's, not this process's HMACs.
    const signed = Array.from({ length: n }, () => {
      const responseUrl = `${args.responseBase}burst-${process.pid}-${++sequence}`;
      const request = signedSlashCommand(
        { text, response_url: responseUrl, user_id: BENCH_USER },
        { secret: SECRET },
      );
      return { responseUrl, bytes: rawRequest(args.port, request) };
    });
    void Promise.all(signed.map((s) => send(args.port, s.responseUrl, s.bytes))).then((sent) =>
      console.log(JSON.stringify({ sent })),
    );
  });
  console.log(JSON.stringify({ ready: true }));
  process.stdin.once('end', () => process.exit(0));
}

/** A signed POST as the bytes Slack would send, closing its connection after the answer. */
function rawRequest(port: number, signed: SignedRequest): Buffer {
  const body = Buffer.from(signed.body);
  const headers = Object.entries({
    ...signed.headers,
    host: `127.0.0.1:${port}`,
    'content-length': String(body.length),
    connection: 'close',
  }).map(([name, value]) => `${name}: ${value}\r\n`);
  return Buffer.concat([Buffer.from(`POST /slack/events HTTP/1.1\r\n${headers.join('')}\r\n`), body]);
}

/** Sends `bytes` on a fresh connection; resolves at the first bytes of the answer (its status line). */
function send(port: number, responseUrl: string, bytes: Buffer): Promise<SentCommand> {
  return new Promise((resolve) => {
    const sentAt = epochMs();
    let done = false;
    const finish = (status: number) => {
      if (done) return;
      done = true;
      resolve({ responseUrl, sentAt, ackMs: epochMs() - sentAt, status });
    };
    const socket = connect({ port, host: '127.0.0.1', noDelay: true });
    socket.once('data', (chunk: Buffer) => {
      finish(Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString('latin1', 0, 16))?.[1] ?? 0));
      socket.resume();
    });
    socket.once('error', () => finish(0));
    socket.once('close', () => finish(0));
    socket.write(bytes);
  });
}

/** The fake Slack role seen from the bench: its Web API URL and the final answers it has received. */
export interface RemoteSlack {
  url: string;
  responseBase: string;
  /** The answer to each response URL (undefined when none came within timeoutMs). */
  answersFor(responseUrls: readonly string[], timeoutMs: number): Promise<Array<AnswerLine | undefined>>;
  /** The fake Slack's process (its CPU mask is printed with the figures). */
  pid: number | undefined;
  close(): void;
}

export async function startRemoteSlack(): Promise<RemoteSlack> {
  const child = await spawnRole<{ url: string; responseBase: string }>('slack', []);
  const answers = new Map<string, AnswerLine>();
  const waiters = new Set<() => void>();
  child.onLine((line) => {
    const answer = JSON.parse(line) as AnswerLine;
    answers.set(answer.answer, answer);
    for (const waiter of [...waiters]) waiter();
  });
  return {
    url: child.info.url,
    responseBase: child.info.responseBase,
    answersFor: (urls, timeoutMs) =>
      new Promise((resolve) => {
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
          resolve(urls.map((url) => answers.get(url)));
        };
        const check = () => {
          if (urls.every((url) => answers.has(url))) finish();
        };
        const timer = setTimeout(finish, timeoutMs);
        waiters.add(check);
        check();
      }),
    pid: child.process.pid,
    close: () => child.process.kill('SIGTERM'),
  };
}

/** The driver role for one bot: `burst(n, text)` sends n commands at once and returns their acks. */
export async function startRemoteDriver(port: number, responseBase: string, nice: number) {
  const child = await spawnRole<{ ready: true }>(
    'driver',
    ['--bot-port', String(port), '--response-base', responseBase],
    { stdin: true, nice },
  );
  let pending: ((sent: SentCommand[]) => void) | undefined;
  child.onLine((line) => pending?.((JSON.parse(line) as { sent: SentCommand[] }).sent));
  return {
    pid: child.process.pid,
    burst: (n: number, text: string) =>
      new Promise<SentCommand[]>((resolve) => {
        pending = resolve;
        child.process.stdin?.write(`${JSON.stringify({ n, text })}\n`);
      }),
    close: () => child.process.stdin?.end(),
  };
}
