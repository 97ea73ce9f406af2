import { type ErrorCode, errorCode } from '../errors.js';

/** The friendly text for an error that reached the Slack edge, and the code we logged it under. */
export interface ErrorReply {
  code: ErrorCode;
  text: string;
}

const MAX_DETAIL = 500;

/** What a reply may use: the error, its message (cut to MAX_DETAIL) and the reference id of the log line. */
interface ReplyInput {
  error: unknown;
  detail: string;
  ref: string;
}

const somethingWentWrong = ({ ref }: ReplyInput) => `Something went wrong (ref: ${ref}).`;
const storeUnreachable = ({ ref }: ReplyInput) =>
  `Codex Pulse can't reach its subscription store right now. Try again shortly; if it keeps happening, ask your admin to check DATA_DIR / DATABASE_URL (ref: ${ref}).`;
/** Messages written for people (usage, rejected windows) are shown as they are. */
const showMessage = ({ detail }: ReplyInput) => detail;

/**
 * The reply for every code in src/errors.ts, exhaustively: a new code does not compile until it is
 * given one here. Codes a person cannot act on get the reference id that matches the log line.
 */
const replies: Readonly<Record<ErrorCode, (input: ReplyInput) => string>> = {
  codex_auth: () =>
    "Codex Pulse can't read analytics: the API key is invalid or lacks codex.enterprise.analytics.read. Ask your admin to check CODEX_API_KEY.",
  codex_not_found: () =>
    "Codex Pulse can't find this workspace in the Codex Analytics API. Ask your admin to check CODEX_WORKSPACE_ID.",
  codex_query_rejected: ({ detail }) => `The Codex Analytics API rejected the query: ${detail}`,
  codex_rate_limited: ({ error }) =>
    `The Codex Analytics API is busy (rate limited). Try again in ${retryAfterSeconds(error)} s.`,
  codex_unavailable: () => 'The Codex Analytics API is having trouble right now. Try again in a few minutes.',
  codex_unreachable: () =>
    "Codex Pulse can't reach the Codex Analytics API. Try again shortly; if it keeps happening, ask your admin to check the network and CODEX_API_BASE_URL.",
  answer_deadline: () =>
    "The Codex Analytics API didn't answer in time (it may be slow or having trouble). Try again in a few minutes.",
  codex_window_invalid: showMessage,
  usage_invalid: showMessage,
  store_unavailable: storeUnreachable,
  history_unavailable: showMessage,
  team_unavailable: showMessage,
  store_query_failed: storeUnreachable,
  codex_contract: ({ ref }) =>
    `The Codex Analytics API answered in a shape Codex Pulse doesn't understand (the API may have changed). Ask your admin to update Codex Pulse (ref: ${ref}).`,
  internal: somethingWentWrong,
  config_invalid: somethingWentWrong,
  port_in_use: somethingWentWrong,
  playground_assets_missing: somethingWentWrong,
  store_row_invalid: somethingWentWrong,
  store_invalid_input: somethingWentWrong,
  store_claim_lost: somethingWentWrong,
  store_id_exhausted: somethingWentWrong,
  store_locked: somethingWentWrong,
  store_migrations_invalid: somethingWentWrong,
  chart_render_failed: somethingWentWrong,
};

/**
 * Chooses what a person sees for a failed command, by the error's stable `code`. Messages that are
 * written for people (usage, rejected queries, windows) are shown; anything else gets a reference id
 * that matches the log line. Never a stack trace.
 */
export function errorReply(error: unknown, ref: string): ErrorReply {
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message.slice(0, MAX_DETAIL) : '';
  return { code, text: `:warning: ${replies[code]({ error, detail, ref })}` };
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
