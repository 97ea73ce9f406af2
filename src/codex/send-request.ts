/**
 * One logical GET against the Codex Analytics API: per-attempt timeout, retries with backoff on 429,
 * 5xx, network errors and timeouts, typed errors for everything else. A 2xx body comes back as raw
 * bytes (off the V8 heap), so a page waiting in a buffer costs its size once, not a parsed tree.
 * Sleeps go through the injected clock so tests with a manual clock never wait; the caller's
 * AbortSignal stops everything at once.
 */
import { performance } from 'node:perf_hooks';
import { type Dispatcher, request } from 'undici';
import { abortError, anySignal } from '../abort-error.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { CodexMetrics, CodexRetryReason } from '../metrics/create-metrics.js';
import { type CircuitBreaker, isCircuitOpen } from './circuit-breaker.js';
import { CodexRateLimitedError, CodexUnreachableError } from './codex-errors.js';
import { errorForStatus } from './error-for-status.js';
import { neverReached } from './never-reached.js';
import type { RequestPacer } from './request-pacer.js';
import {
  backoffDelayMs,
  isRetryableStatus,
  MAX_RETRY_AFTER_SECONDS,
  parseRetryAfter,
} from './retry-policy.js';
import type { Endpoint } from './schemas.js';

/** Everything a request needs from the client; built once by createCodexClient. */
export interface RequestContext {
  dispatcher: Dispatcher;
  apiKey: string;
  clock: Clock;
  logger: Logger;
  metrics: CodexMetrics;
  timeoutMs: number;
  maxRetries: number;
  random: () => number;
  /**
   * Waits for a request slot per route before every attempt (retries count against the budget too);
   * an attempt that never reached the server gives its slot back.
   */
  pacer: RequestPacer;
  /** Shared by every request of the client: fails fast while the API is unreachable. */
  breaker: CircuitBreaker;
}

/** A 2xx answer: the status and the body bytes, unparsed. */
export interface RawResponse {
  status: number;
  body: Buffer;
}

type Attempt =
  | { kind: 'response'; status: number; retryAfter: string | string[] | undefined; body: Buffer }
  | { kind: 'network'; error: unknown; timedOut: boolean };

/** GETs `url` and returns the body of a 2xx answer; throws a CodexApiError or an AbortError. */
export async function sendRequest(
  ctx: RequestContext,
  endpoint: Endpoint,
  url: string,
  page: number,
  signal: AbortSignal | undefined,
): Promise<RawResponse> {
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortError(signal);
    const admission = ctx.breaker.admit();
    if (isCircuitOpen(admission)) {
      const what = `circuit open after ${admission.failures} consecutive failures to connect; next try in ${Math.ceil(admission.retryInMs / 1000)} s`;
      ctx.logger.debug('codex request skipped: circuit open', { endpoint, page, attempt });
      throw new CodexUnreachableError(endpoint, what, attempt - 1, admission.lastError);
    }
    let result: Attempt;
    let started = 0;
    try {
      const slot = await ctx.pacer.acquire(endpoint, signal);
      started = performance.now();
      result = await attemptOnce(ctx, url, signal);
      if (result.kind === 'network' && neverReached(result.error)) slot.refund();
    } catch (error) {
      admission.abandoned(); // aborted by the caller: no verdict on the API
      throw error;
    }
    if (result.kind === 'response') admission.reached();
    else admission.unreachable(result.error);
    const durationMs = Math.round(performance.now() - started);
    const status = result.kind === 'response' ? result.status : null;
    ctx.metrics.codexRequest(
      endpoint,
      status ?? (result.kind === 'network' && result.timedOut ? 'timeout' : 'network'),
    );
    ctx.logger.debug('codex request', { endpoint, page, attempt, status, durationMs });

    let failure: Error;
    let delayMs: number;
    if (result.kind === 'response') {
      if (result.status >= 200 && result.status < 300) return { status: result.status, body: result.body };
      const retryAfterSeconds = parseRetryAfter(result.retryAfter, ctx.clock.now());
      failure = errorForStatus(endpoint, {
        status: result.status,
        bodyText: result.body.toString('utf8'),
        retryAfterSeconds,
        attempts: attempt,
      });
      if (!isRetryableStatus(result.status)) throw failure;
      if (retryAfterSeconds !== undefined && retryAfterSeconds > MAX_RETRY_AFTER_SECONDS) {
        throw new CodexRateLimitedError(endpoint, retryAfterSeconds, attempt, failure.cause);
      }
      delayMs =
        result.status === 429 && retryAfterSeconds !== undefined
          ? Math.ceil(retryAfterSeconds * 1000)
          : backoffDelayMs(attempt - 1, ctx.random);
    } else {
      const what = result.timedOut
        ? `no answer within ${ctx.timeoutMs} ms`
        : describeNetworkError(result.error);
      failure = new CodexUnreachableError(endpoint, what, attempt, result.error);
      delayMs = backoffDelayMs(attempt - 1, ctx.random);
      // The circuit just opened (here or in a concurrent request): no backoff would reach the API.
      if (ctx.breaker.state === 'open') throw failure;
    }
    if (attempt > ctx.maxRetries) throw failure;
    ctx.metrics.codexRetry(endpoint, retryReason(status, result.kind === 'network' && result.timedOut));
    ctx.logger.warn('codex request failed, retrying', {
      endpoint,
      page,
      attempt,
      status,
      delayMs,
      reason: failure.message,
    });
    try {
      await ctx.clock.sleep(delayMs, signal);
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      throw error;
    }
  }
}

async function attemptOnce(
  ctx: RequestContext,
  url: string,
  signal: AbortSignal | undefined,
): Promise<Attempt> {
  if (signal?.aborted) throw abortError(signal);
  // Timeout covers headers *and* body: a server that stalls mid-body must not hang a report.
  const timeout = AbortSignal.timeout(ctx.timeoutMs);
  try {
    const response = await request(url, {
      method: 'GET',
      headers: { authorization: `Bearer ${ctx.apiKey}`, accept: 'application/json' },
      signal: signal ? anySignal([signal, timeout]) : timeout,
      dispatcher: ctx.dispatcher,
    });
    // bytes(): one exact-size copy, kept off the V8 heap until a consumer parses it.
    const bytes = await response.body.bytes();
    const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return {
      kind: 'response',
      status: response.statusCode,
      retryAfter: response.headers['retry-after'],
      body,
    };
  } catch (error) {
    if (signal?.aborted) throw abortError(signal);
    return { kind: 'network', error, timedOut: timeout.aborted };
  }
}

/** undici errors carry a `code` (ECONNREFUSED, UND_ERR_SOCKET, …) that says more than the message. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}

/** The retries counter's bounded reason: which kind of failure is being tried again. */
function retryReason(status: number | null, timedOut: boolean): CodexRetryReason {
  if (status === 429) return 'rate_limited';
  if (status !== null) return 'server_error';
  return timedOut ? 'timeout' : 'network';
}
