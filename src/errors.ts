/**
 * Every error we raise carries a stable `code` (for logs, tests and the friendly Slack message chosen
 * at the edge) and the original `cause`. Core code throws these; only the edges turn them into text.
 */
export class CodexPulseError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
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

export function errorCode(error: unknown): string {
  return error instanceof CodexPulseError ? error.code : 'internal';
}
