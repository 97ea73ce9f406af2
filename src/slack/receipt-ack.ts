/**
 * Acking a slash command on receipt (issue 9, 5.5). Under a burst of 200 `/codex` commands the acks
 * queued behind Bolt's own per-request work (its middleware chain, listener matching, the response
 * ack object): the bot's ack p99 could not go below the bare-Bolt floor (bench/lib/ack-floors.ts). The
 * receiver now verifies a plain slash command's signature and timestamp itself — by Bolt's rules, with
 * one HMAC (slack-signature.ts) — writes the ack, and hands the command to Bolt once the burst's requests have
 * stopped arriving (burst-gate.ts). Bolt still runs every middleware and the listener for it; only
 * the ack has moved. Anything else (interactivity payloads, events, ssl_check, a request whose
 * signature fails here) is left to Bolt untouched, which checks it again and answers as before.
 */
import type { IncomingMessage } from 'node:http';
import type { ParsedUrlQuery } from 'node:querystring';
import { validSlackSignature } from './slack-signature.js';

/** Set in Bolt's context for a command the receiver acked: its listener must not ack it again. */
export const ACKED_ON_RECEIPT = 'ackedOnReceipt';

/** What the receiver does with one verified slash command. */
export interface ReceiptAck {
  /** The ack's JSON body (HTTP 200), serialised once for every command acked alike: written at once. */
  response: string;
  /** Whether Bolt processes the command after the ack (false: the ack was the whole answer). */
  dispatch: boolean;
  /**
   * Called once the ack is written, to note what must be read then (the ack's duration); what it returns
   * runs when the command is handed to Bolt, after the burst — bookkeeping that need not delay the next ack.
   */
  acked?(): () => void;
}

export interface AckOnReceipt {
  /** The slash commands acked on receipt (e.g. `/codex`). */
  commands: readonly string[];
  /** How to ack one command whose signature and timestamp have been verified. */
  receive(command: ParsedUrlQuery): ReceiptAck;
  /**
   * Told of each batch of acked commands waiting for Bolt (receipt-handoff.ts); the batch settles, never
   * rejecting, once Bolt's listeners have settled for every command in it.
   */
  handingOff(batch: Promise<void>): void;
}

/**
 * The form fields of a plain slash command for one of `commands`, verified as Bolt verifies it;
 * undefined when the request is anything else or fails the check (Bolt then checks and answers it).
 * `form` is `rawBody` parsed (undefined when the body is not a form): parsed once per request.
 */
export function verifiedSlashCommand(
  req: IncomingMessage,
  rawBody: string,
  form: ParsedUrlQuery | undefined,
  signingSecret: string,
  commands: readonly string[],
): ParsedUrlQuery | undefined {
  if (form === undefined || req.headers['content-type'] !== 'application/x-www-form-urlencoded')
    return undefined;
  // A `payload` is an interactivity request and `ssl_check` is unsigned by design: both stay Bolt's.
  if (typeof form.command !== 'string' || !commands.includes(form.command)) return undefined;
  if (form.payload !== undefined || form.ssl_check !== undefined) return undefined;
  const signature = req.headers['x-slack-signature'];
  const timestamp = req.headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return undefined;
  // Bolt's rules (5-minute window, v0 HMAC, constant-time compare). Against the system clock, as Bolt's:
  // the timestamp is Slack's wall clock, and a request failing here must fail Bolt's check too.
  const valid = validSlackSignature({
    signingSecret,
    body: rawBody,
    signature,
    timestamp,
    nowMs: Date.now(),
  });
  return valid ? form : undefined;
}
