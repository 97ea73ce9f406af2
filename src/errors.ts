/**
 * Every error we raise carries a stable `code` (for logs, tests and the friendly Slack message chosen
 * at the edge) and the original `cause`. Core code throws these; only the edges turn them into text.
 *
 * `errorCodes` is the one list of our codes (issue 10, part 5; bolt-js keeps its `ErrorCode` the same
 * way): `CodexPulseError` takes nothing else, the Slack edge maps each to a reply exhaustively
 * (src/slack/error-reply.ts), and callers test codes with `isCodexPulseError`, never a string compare.
 * Slack's own error strings (`not_in_channel`, …) are not ours: see src/slack/slack-error-code.ts.
 */
export const errorCodes = [
  /** Not one of ours: anything that is not a CodexPulseError (a bug, a library's error). */
  'internal',
  // Start-up and the command line
  'config_invalid',
  'usage_invalid',
  'port_in_use',
  'playground_assets_missing',
  // The Codex Analytics API client (src/codex/codex-errors.ts)
  'codex_auth',
  'codex_not_found',
  'codex_query_rejected',
  'codex_rate_limited',
  'codex_unavailable',
  'codex_unreachable',
  'codex_contract',
  'codex_window_invalid',
  // The store (src/store)
  'store_unavailable',
  'store_query_failed',
  'store_row_invalid',
  'store_invalid_input',
  'store_claim_lost',
  'store_id_exhausted',
  'store_locked',
  'store_migrations_invalid',
  // Answers and charts
  'answer_deadline',
  /** The usage warehouse holds no rows and could not load them (first start, API down): issue 11. */
  'history_unavailable',
  /**
   * A team's digest whose team is gone from the warehouse or now under five matched members (issue 12
   * §3–4): it posts nothing rather than workspace or too-small figures under the team's name.
   */
  'team_unavailable',
  'chart_render_failed',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/**
 * Why a warehouse sync run (src/sync) ended without being a fault: recorded in `sync_runs.error_code`,
 * logged as `code` and counted as the `outcome` of `codex_pulse_sync_runs_total` beside the error codes
 * above, never shown in Slack (so no reply in src/slack/error-reply.ts). `sync_locked`: skipped, another
 * sync held the lock; `sync_aborted`: stopped by a signal (SIGTERM, Ctrl-C).
 */
export const syncOutcomeCodes = ['sync_locked', 'sync_aborted'] as const;
export type SyncOutcomeCode = (typeof syncOutcomeCodes)[number];

/** The codes of the Codex Analytics API client: "the API could not give us figures". */
export type CodexErrorCode = Extract<ErrorCode, `codex_${string}`>;
export const codexErrorCodes = errorCodes.filter((code): code is CodexErrorCode => code.startsWith('codex_'));

/** Codex API failures that mean "down for now" (after the client's own retries): worth another try later. */
export const codexOutageCodes = [
  'codex_unavailable',
  'codex_unreachable',
  'codex_rate_limited',
] as const satisfies readonly CodexErrorCode[];

export class CodexPulseError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}

/** Configuration that cannot start the app: every problem is listed, each naming its variable. */
export class ConfigError extends CodexPulseError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super('config_invalid', `Configuration problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Input a person typed (slash-command arguments, CLI flags) that we cannot act on. */
export class UsageError extends CodexPulseError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('usage_invalid', message, options);
  }
}

/** The error's code; `internal` for anything that is not a CodexPulseError. */
export function errorCode(error: unknown): ErrorCode {
  return error instanceof CodexPulseError ? error.code : 'internal';
}

/**
 * True when `error` is ours and, if codes are given, carries one of them:
 * `isCodexPulseError(error, 'store_claim_lost')`, `isCodexPulseError(error, ...codexOutageCodes)`.
 */
export function isCodexPulseError<C extends ErrorCode>(
  error: unknown,
  ...codes: readonly C[]
): error is CodexPulseError & { readonly code: C } {
  return error instanceof CodexPulseError && (codes.length === 0 || isOneOf(error.code, codes));
}

/** True when `code` is one of `codes`; narrows a code read back from a log or a stored reason. */
export function isOneOf<C extends string>(code: string | undefined, codes: readonly C[]): code is C {
  return code !== undefined && (codes as readonly string[]).includes(code);
}
