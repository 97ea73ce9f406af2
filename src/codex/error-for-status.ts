/** Maps a final (non-2xx) HTTP answer to the client's typed error, per the contract's error table. */
import {
  type CodexApiError,
  CodexAuthError,
  CodexContractError,
  CodexNotFoundError,
  CodexQueryRejectedError,
  CodexRateLimitedError,
  CodexUnavailableError,
} from './codex-errors.js';
import { readApiErrorMessage } from './read-api-error-message.js';
import type { Endpoint } from './schemas.js';

/** What a failed response looked like; kept as the error's `cause` (body trimmed, never the request). */
export interface HttpFailure {
  status: number;
  bodyText: string;
  retryAfterSeconds: number | undefined;
  attempts: number;
}

/** The error to throw for a non-2xx answer that will not (or no longer) be retried. */
export function errorForStatus(endpoint: Endpoint, failure: HttpFailure): CodexApiError {
  const { status, bodyText, attempts } = failure;
  const cause = { status, body: bodyText.slice(0, 2000) };
  const apiMessage = readApiErrorMessage(bodyText);
  if (status === 401 || status === 403) return new CodexAuthError(endpoint, status, apiMessage, cause);
  if (status === 404) return new CodexNotFoundError(endpoint, apiMessage, cause);
  if (status === 429) {
    return new CodexRateLimitedError(endpoint, failure.retryAfterSeconds ?? null, attempts, cause);
  }
  if (status === 408 || status >= 500) return new CodexUnavailableError(endpoint, status, attempts, cause);
  if (status >= 400) return new CodexQueryRejectedError(endpoint, status, apiMessage, cause);
  // 1xx/3xx: undici follows no redirects, and the contract has none.
  return new CodexContractError(endpoint, '', `unexpected HTTP status ${status}`, status, cause);
}
