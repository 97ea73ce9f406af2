/**
 * Typed errors of the Codex Analytics API client. Each has a stable `code` from the one list in
 * src/errors.ts (logs, tests and the Slack edge pick the friendly message from it), the `endpoint` and HTTP `status` when there is one, and the
 * original `cause`. "API unreachable", "API refused us" and "API changed shape" are different errors
 * because they call for different actions (retry later, fix the config, fix the code).
 */
import { type CodexErrorCode, CodexPulseError } from '../errors.js';
import type { Endpoint } from './schemas.js';

interface Details {
  endpoint?: Endpoint | undefined;
  status?: number | undefined;
  cause?: unknown;
}

/** Base class: anything the Codex client raises other than an AbortError. */
export class CodexApiError extends CodexPulseError {
  declare readonly code: CodexErrorCode;
  /** The endpoint being called; undefined only when no request was made (window rejected). */
  readonly endpoint: Endpoint | undefined;
  /** HTTP status of the last response, undefined for network errors, timeouts and pre-flight checks. */
  readonly status: number | undefined;

  constructor(code: CodexErrorCode, message: string, details: Details = {}) {
    super(code, message, { cause: details.cause });
    this.endpoint = details.endpoint;
    this.status = details.status;
  }
}

/** 401 (bad or missing key) or 403 (key lacks the analytics scope or belongs to another workspace). */
export class CodexAuthError extends CodexApiError {
  readonly reason: 'unauthenticated' | 'forbidden';

  constructor(endpoint: Endpoint, status: number, apiMessage: string | undefined, cause?: unknown) {
    const reason = status === 401 ? 'unauthenticated' : 'forbidden';
    const what =
      reason === 'unauthenticated'
        ? 'the Codex Analytics API rejected the API key (401)'
        : 'the API key may not read Codex analytics for this workspace (403): it needs the scope codex.enterprise.analytics.read and must belong to the workspace';
    super('codex_auth', withApiMessage(`${endpoint}: ${what}`, apiMessage), { endpoint, status, cause });
    this.reason = reason;
  }
}

/** 404: unknown workspace id, or Codex analytics not available on the workspace's plan. */
export class CodexNotFoundError extends CodexApiError {
  constructor(endpoint: Endpoint, apiMessage: string | undefined, cause?: unknown) {
    const what = `${endpoint}: workspace not found, or Codex analytics is not available on its plan (404)`;
    super('codex_not_found', withApiMessage(what, apiMessage), { endpoint, status: 404, cause });
  }
}

/** 422 (or another 4xx): the API refused the query; the message carries the API's own `detail`. */
export class CodexQueryRejectedError extends CodexApiError {
  /** The API's explanation, as read from `detail`, `error.message` or `message`. */
  readonly detail: string | undefined;

  constructor(endpoint: Endpoint, status: number, apiMessage: string | undefined, cause?: unknown) {
    super(
      'codex_query_rejected',
      `${endpoint}: the Codex Analytics API rejected the query (${status}): ${apiMessage ?? 'no detail given'}`,
      { endpoint, status, cause },
    );
    this.detail = apiMessage;
  }
}

/** 429 still returned after every retry (or a Retry-After longer than we are willing to wait). */
export class CodexRateLimitedError extends CodexApiError {
  /** The server's last Retry-After in seconds; null when it sent none. */
  readonly retryAfterSeconds: number | null;

  constructor(endpoint: Endpoint, retryAfterSeconds: number | null, attempts: number, cause?: unknown) {
    const wait = retryAfterSeconds === null ? '' : `; it asks to wait ${retryAfterSeconds} s`;
    super(
      'codex_rate_limited',
      `${endpoint}: rate limited by the Codex Analytics API after ${attempts} attempt(s)${wait}`,
      { endpoint, status: 429, cause },
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** 5xx still returned after every retry. */
export class CodexUnavailableError extends CodexApiError {
  constructor(endpoint: Endpoint, status: number, attempts: number, cause?: unknown) {
    super(
      'codex_unavailable',
      `${endpoint}: the Codex Analytics API is failing (${status}) after ${attempts} attempt(s)`,
      { endpoint, status, cause },
    );
  }
}

/** Network error or timeout after every retry: the API could not be reached or did not answer. */
export class CodexUnreachableError extends CodexApiError {
  constructor(endpoint: Endpoint, what: string, attempts: number, cause?: unknown) {
    super(
      'codex_unreachable',
      `${endpoint}: the Codex Analytics API is unreachable (${what}) after ${attempts} attempt(s)`,
      { endpoint, cause },
    );
  }
}

/** The response does not match the contract. `path` names the bad field, e.g. `data[3].totals.credits`. */
export class CodexContractError extends CodexApiError {
  readonly path: string;

  constructor(endpoint: Endpoint, path: string, problem: string, status?: number, cause?: unknown) {
    super('codex_contract', `${endpoint}: ${path ? `${path}: ` : ''}${problem}`, { endpoint, status, cause });
    this.path = path;
  }
}

/** The requested window cannot be served; raised before any request, with a message a person can act on. */
export class CodexWindowInvalidError extends CodexApiError {
  constructor(message: string) {
    super('codex_window_invalid', message);
  }
}

function withApiMessage(message: string, apiMessage: string | undefined): string {
  return apiMessage ? `${message}: ${apiMessage}` : message;
}
