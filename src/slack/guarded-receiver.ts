/**
 * Bolt 5.1's HTTPReceiver with checks in front of it. Bolt parses a signed body and reads
 * `body.ssl_check` inside an un-awaited async closure: a body whose `payload` (or whole JSON body) is
 * `null` throws a TypeError there, which nothing catches — the request hangs and, without an
 * unhandledRejection handler, the process exits with every answer in flight (issue 9, 5.3). Bodies that
 * do not parse to a JSON object get a 400 and a log line here, before Bolt sees them, and so do bodies
 * Bolt's own buffering would refuse (400/413, read-request-body.ts); everything else (signature check,
 * 401, malformed JSON) stays Bolt's.
 *
 * With `ackOnReceipt`, verified slash commands for the listed commands are acked here and handed to
 * Bolt's App once the burst's requests stop arriving, a slice per loop turn (receipt-ack.ts,
 * burst-gate.ts, receipt-handoff.ts, issue 9, 5.5). Every request to the Slack endpoints counts as an
 * arrival at the burst gate.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ParsedUrlQuery, parse as parseQuery } from 'node:querystring';
import {
  type App,
  defaultBodyLimit,
  HTTPModuleFunctions,
  HTTPReceiver,
  type HTTPReceiverOptions,
} from '@slack/bolt';
import type { Logger } from '../logger.js';
import type { BurstGate } from './burst-gate.js';
import { readRequestBody } from './read-request-body.js';
import { ACKED_ON_RECEIPT, type AckOnReceipt, verifiedSlashCommand } from './receipt-ack.js';
import { createReceiptHandoff, type ReceiptHandoff } from './receipt-handoff.js';

type ReceiverOptions = HTTPReceiverOptions & {
  logger: Logger;
  endpoints: string[];
  /** Told of every request to `endpoints`; commands acked here wait for it to go quiet. */
  burst: BurstGate;
  /** Slash commands acked before Bolt's middleware runs (HTTP mode); absent = Bolt acks everything. */
  ackOnReceipt?: AckOnReceipt;
};

export class GuardedHTTPReceiver extends HTTPReceiver {
  /** Bolt's App, as HTTPReceiver keeps it privately: commands acked here are handed to it. */
  private boltApp: App | undefined;
  private readonly log: Logger;
  /** Commands acked here wait in it for the burst to end, then go to Bolt a slice per loop turn. */
  private readonly handoff: ReceiptHandoff | undefined;

  constructor(options: ReceiverOptions) {
    super(options);
    const { logger, endpoints, ackOnReceipt, signingSecret, burst } = options;
    this.log = logger;
    this.handoff =
      ackOnReceipt && createReceiptHandoff({ burst, onBatch: (batch) => ackOnReceipt.handingOff(batch) });
    const bolt = this.requestListener;
    // Bolt's server callback reads this property per request, so replacing it puts the check first.
    this.requestListener = (req, res) => {
      if (req.method?.toUpperCase() !== 'POST' || !isEndpoint(req.url, endpoints)) return bolt(req, res);
      burst.arrived();
      screen(req, res, logger)
        .then((body) => {
          if (body === undefined) return;
          const command =
            ackOnReceipt && typeof signingSecret === 'string'
              ? verifiedSlashCommand(req, body.raw, body.form, signingSecret, ackOnReceipt.commands)
              : undefined;
          // Bolt sees `rawBody` already set and does not read the (consumed) stream again.
          if (!ackOnReceipt || !command || !this.boltApp) bolt(req, res);
          else this.ackNow(this.boltApp, req, res, command, ackOnReceipt);
        })
        .catch((error: unknown) => {
          logger.error('receiving a Slack request failed', error, { code: 'slack_request_failed' });
          if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 500);
        });
    };
  }

  override init(app: App): void {
    super.init(app);
    this.boltApp = app;
  }

  /** Writes the ack as Bolt's HTTPResponseAck would, then queues the command for Bolt (receipt-handoff.ts). */
  private ackNow(
    app: App,
    req: IncomingMessage,
    res: ServerResponse,
    body: ParsedUrlQuery,
    receipt: AckOnReceipt,
  ): void {
    const ack = receipt.receive(body);
    res.writeHead(200, JSON_CONTENT);
    res.end(ack.response);
    if (!ack.dispatch) return;
    const later = ack.acked?.();
    // Everything else waits for the hand-off, off the ack path: an async function never throws at the call.
    this.handoff?.add(async () => {
      try {
        later?.();
        const retryNum = HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req);
        const retryReason = HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req);
        await app.processEvent({
          body,
          // Already acked: a listener's ack() has nothing left to answer.
          ack: async () => {},
          ...(retryNum === undefined ? {} : { retryNum }),
          ...(retryReason === undefined ? {} : { retryReason }),
          customProperties: { [ACKED_ON_RECEIPT]: true },
        });
      } catch (error) {
        // What Bolt's own receiver does with an error after the ack: log it (app.error has seen it).
        this.log.error('a Slack command acked on receipt failed in Bolt', error, {
          code: 'slack_request_failed',
        });
      }
    });
  }
}

/** Bolt's HTTPResponseAck header for a JSON ack (one object: writeHead only reads it). */
const JSON_CONTENT = { 'content-type': 'application/json' } as const;

/**
 * Whether `url` is one of `endpoints` as Bolt routes it (`new URL(url).pathname`). A plain path (letters,
 * digits, `_`, `-`, single slashes), with or without a query, is its own pathname, so it is compared as
 * it is — building a URL per request showed in the burst profile; anything else (dot segments, escapes,
 * backslashes, controls, absolute or scheme-relative form) goes through URL, as Bolt's routing does.
 */
export function isEndpoint(url: string | undefined, endpoints: readonly string[]): boolean {
  const target = url ?? '/';
  const query = target.indexOf('?');
  const path = query < 0 ? target : target.slice(0, query);
  if (PLAIN_PATH.test(path)) return endpoints.includes(path);
  return endpoints.includes(new URL(target, 'http://localhost').pathname);
}

const PLAIN_PATH = /^(?:\/[A-Za-z0-9_-]+)+\/?$|^\/$/;

/**
 * Buffers the body (by Bolt's rules, read-request-body.ts) and answers 400/413 itself when Bolt must not see it; a body (with its
 * form fields, parsed once, when it is a form) = pass on.
 */
async function screen(
  req: IncomingMessage,
  res: ServerResponse,
  logger: Logger,
): Promise<{ raw: string; form: ParsedUrlQuery | undefined } | undefined> {
  const read = await readRequestBody(req, defaultBodyLimit);
  if (!read.ok) {
    logger.warn('unreadable Slack request body', { code: 'slack_request_invalid', problem: read.reason });
    HTTPModuleFunctions.buildNoBodyResponse(res, read.status);
    return undefined;
  }
  // What Bolt's bufferIncomingMessage leaves: Bolt sees the request as buffered and reads this instead.
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = read.raw;
  const raw = read.raw.toString();
  const contentType = req.headers['content-type'];
  const form = contentType === FORM ? parseQuery(raw) : undefined;
  const problem = bodyProblem(raw, contentType, form);
  if (problem === undefined) return { raw, form };
  // Never the body itself: it may hold tokens or personal data.
  logger.warn('rejected a Slack request whose payload is not a JSON object', {
    code: 'slack_request_invalid',
    problem,
    bytes: raw.length,
  });
  HTTPModuleFunctions.buildNoBodyResponse(res, 400);
  return undefined;
}

const FORM = 'application/x-www-form-urlencoded';

/**
 * Why Bolt's parse of this body would not be an object (undefined when it would, or when Bolt's own
 * parse fails — Bolt answers that with 400 itself). Mirrors parseHTTPRequestBody exactly. `form`: the
 * body already parsed as a form, when the caller has it.
 */
export function bodyProblem(
  raw: string,
  contentType: string | undefined,
  form = contentType === FORM ? parseQuery(raw) : undefined,
): string | undefined {
  let text = raw;
  let what = 'body';
  if (contentType === FORM) {
    const payload = form?.payload;
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
