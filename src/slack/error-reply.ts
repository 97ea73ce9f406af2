import { errorCode } from '../errors.js';

/** The friendly text for an error that reached the Slack edge, and the code we logged it under. */
export interface ErrorReply {
  code: string;
  text: string;
}

const MAX_DETAIL = 500;

/**
 * Chooses what a person sees for a failed command, by the error's stable `code`. Messages that are
 * written for people (usage, rejected queries, windows) are shown; anything else gets a reference id
 * that matches the log line. Never a stack trace.
 */
export function errorReply(error: unknown, ref: string): ErrorReply {
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message.slice(0, MAX_DETAIL) : '';
  const text = (() => {
    switch (code) {
      case 'codex_auth':
        return "Codex Pulse can't read analytics: the API key is invalid or lacks codex.enterprise.analytics.read. Ask your admin to check CODEX_API_KEY.";
      case 'codex_not_found':
        return "Codex Pulse can't find this workspace in the Codex Analytics API. Ask your admin to check CODEX_WORKSPACE_ID.";
      case 'codex_query_rejected':
        return `The Codex Analytics API rejected the query: ${detail}`;
      case 'codex_rate_limited':
        return `The Codex Analytics API is busy (rate limited). Try again in ${retryAfterSeconds(error)} s.`;
      case 'codex_unavailable':
        return 'The Codex Analytics API is having trouble right now. Try again in a few minutes.';
      case 'codex_unreachable':
        return "Codex Pulse can't reach the Codex Analytics API. Try again shortly; if it keeps happening, ask your admin to check the network and CODEX_API_BASE_URL.";
      case 'answer_deadline':
        return "The Codex Analytics API didn't answer in time (it may be slow or having trouble). Try again in a few minutes.";
      case 'codex_window_invalid':
      case 'usage_invalid':
        return detail;
      case 'store_unavailable':
      case 'store_query_failed':
        return `Codex Pulse can't reach its subscription store right now. Try again shortly; if it keeps happening, ask your admin to check DATA_DIR / DATABASE_URL (ref: ${ref}).`;
      case 'codex_contract':
        return `The Codex Analytics API answered in a shape Codex Pulse doesn't understand (the API may have changed). Ask your admin to update Codex Pulse (ref: ${ref}).`;
      default:
        return `Something went wrong (ref: ${ref}).`;
    }
  })();
  return { code, text: `:warning: ${text}` };
}

/** Rate-limit errors may carry the API's Retry-After; fall back to a minute when they do not. */
function retryAfterSeconds(error: unknown): number {
  if (typeof error === 'object' && error !== null) {
    for (const key of ['retryAfterSeconds', 'retryAfter'] as const) {
      const value = (error as Record<string, unknown>)[key];
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Math.ceil(value);
    }
  }
  return 60;
}
