/**
 * Network errors that prove a request never reached the server, so it cannot have counted against the
 * API's request budget (issue 9, 5.4). Timeouts and resets are not among them: the server may have seen
 * those requests.
 */
const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** True when `error` (or every error of an AggregateError, as Happy Eyeballs raises) failed to connect. */
export function neverReached(error: unknown): boolean {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.every(neverReached);
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && CONNECT_FAILURES.has(code);
}
