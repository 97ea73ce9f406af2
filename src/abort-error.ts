/**
 * Cancellation helpers. A caller's abort surfaces as a DOMException named AbortError (what fetch and
 * undici users expect) and is never retried or wrapped into a Codex error.
 */

/** The AbortError to throw for an aborted `signal`, keeping the signal's reason as `cause`. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The Codex Analytics request was aborted', { name: 'AbortError', cause: reason });
}

/** True for an AbortError from any source (ours, undici's, the platform's). */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * One signal that aborts when any input does. AbortSignal.any exists from Node 20.3; the fallback
 * keeps older runtimes working (it does not free its listeners early, which is fine per request).
 */
export function anySignal(signals: readonly AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([...signals]);
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}
