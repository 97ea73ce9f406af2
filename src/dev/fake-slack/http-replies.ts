import type { ServerResponse } from 'node:http';
import type { FakeSlackFailure } from './fake-slack-types.js';
import { fail } from './method-handler.js';

/** The token of an `Authorization: Bearer …` header. */
export function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

/** A JSON answer. */
export function send(
  res: ServerResponse,
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** A plain-text answer (uploads and response_url errors answer in text, like Slack). */
export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** An injected failure: `ok:false` with HTTP 200, or HTTP 429 with Retry-After. */
export function sendFailure(res: ServerResponse, failure: FakeSlackFailure): void {
  if ('status' in failure) {
    send(res, 429, fail('ratelimited'), { 'retry-after': String(failure.retryAfter) });
  } else {
    send(res, 200, fail(failure.error));
  }
}
