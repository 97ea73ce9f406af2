/**
 * Bolt 5.1's HTTPReceiver with one check in front of it. Bolt parses a signed body and reads
 * `body.ssl_check` inside an un-awaited async closure: a body whose `payload` (or whole JSON body) is
 * `null` throws a TypeError there, which nothing catches — the request hangs and, without an
 * unhandledRejection handler, the process exits with every answer in flight (issue 9, 5.3). Bodies that
 * do not parse to a JSON object get a 400 and a log line here, before Bolt sees them; everything else
 * (signature check, 401/413, malformed JSON) stays Bolt's.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { defaultBodyLimit, HTTPModuleFunctions, HTTPReceiver, type HTTPReceiverOptions } from '@slack/bolt';
import type { Logger } from '../logger.js';

type ReceiverOptions = HTTPReceiverOptions & { logger: Logger; endpoints: string[] };

export class GuardedHTTPReceiver extends HTTPReceiver {
  /** Requests to the Slack endpoints received so far: answer work waits while it keeps rising (work-limiter.ts). */
  received = 0;

  constructor(options: ReceiverOptions) {
    super(options);
    const { logger, endpoints } = options;
    const bolt = this.requestListener;
    // Bolt's server callback reads this property per request, so replacing it puts the check first.
    this.requestListener = (req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (req.method?.toUpperCase() !== 'POST' || !endpoints.includes(path)) return bolt(req, res);
      this.received += 1;
      screen(req, res, logger).then(
        (pass) => {
          // Bolt sees `rawBody` already set and does not read the (consumed) stream again.
          if (pass) bolt(req, res);
        },
        (error: unknown) => {
          logger.error('screening a Slack request failed', error, { code: 'slack_request_failed' });
          if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 500);
        },
      );
    };
  }
}

/** Buffers the body (as Bolt would) and answers 400/413 itself when Bolt must not see it; true = pass on. */
async function screen(req: IncomingMessage, res: ServerResponse, logger: Logger): Promise<boolean> {
  let raw: string;
  try {
    raw = (await HTTPModuleFunctions.bufferIncomingMessage(req, defaultBodyLimit)).rawBody.toString();
  } catch (error) {
    const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && error.statusCode === 413;
    logger.warn('unreadable Slack request body', error, { code: 'slack_request_invalid' });
    HTTPModuleFunctions.buildNoBodyResponse(res, tooLarge ? 413 : 400);
    return false;
  }
  const problem = bodyProblem(raw, req.headers['content-type']);
  if (problem === undefined) return true;
  // Never the body itself: it may hold tokens or personal data.
  logger.warn('rejected a Slack request whose payload is not a JSON object', {
    code: 'slack_request_invalid',
    problem,
    bytes: raw.length,
  });
  HTTPModuleFunctions.buildNoBodyResponse(res, 400);
  return false;
}

/**
 * Why Bolt's parse of this body would not be an object (undefined when it would, or when Bolt's own
 * parse fails — Bolt answers that with 400 itself). Mirrors parseHTTPRequestBody exactly.
 */
export function bodyProblem(raw: string, contentType: string | undefined): string | undefined {
  let text = raw;
  let what = 'body';
  if (contentType === 'application/x-www-form-urlencoded') {
    const payload = parseQuery(raw).payload;
    if (typeof payload !== 'string') return undefined; // Bolt uses the form fields: always an object
    text = payload;
    what = 'payload';
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return undefined;
  return `${what} is ${parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : typeof parsed}`;
}
