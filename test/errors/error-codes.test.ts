import { describe, expect, it } from 'vitest';
import { ChartRenderError } from '../../src/charts/chart-render-error.js';
import {
  CodexAuthError,
  CodexContractError,
  CodexNotFoundError,
  CodexQueryRejectedError,
  CodexRateLimitedError,
  CodexUnavailableError,
  CodexUnreachableError,
  CodexWindowInvalidError,
} from '../../src/codex/codex-errors.js';
import {
  CodexPulseError,
  ConfigError,
  codexErrorCodes,
  codexOutageCodes,
  errorCode,
  errorCodes,
  isCodexPulseError,
  isOneOf,
  syncOutcomeCodes,
  UsageError,
} from '../../src/errors.js';
import { AnswerDeadlineError } from '../../src/slack/answer-deadline.js';
import { isMembershipError, isSlackError } from '../../src/slack-posting/slack-error-code.js';

describe('the one list of error codes (issue 10, part 5)', () => {
  it('lists each code once, in snake_case', () => {
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
    for (const code of errorCodes) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('keeps the sync outcome codes apart from the error codes, so a metric outcome is never ambiguous', () => {
    expect(syncOutcomeCodes.filter((code) => isOneOf(code, errorCodes))).toEqual([]);
    for (const code of syncOutcomeCodes) expect(code).toMatch(/^sync_[a-z]+$/);
  });

  it('holds the code of every error class we raise', () => {
    const raised = [
      new ConfigError(['X is missing']),
      new UsageError('no'),
      new ChartRenderError('adoption', 'broken'),
      new AnswerDeadlineError(10_000),
      new CodexAuthError('usage', 401, undefined),
      new CodexNotFoundError('usage', undefined),
      new CodexQueryRejectedError('usage', 422, 'bad'),
      new CodexRateLimitedError('usage', 30, 5),
      new CodexUnavailableError('usage', 503, 5),
      new CodexUnreachableError('usage', 'timeout', 5),
      new CodexContractError('usage', 'data[0]', 'missing'),
      new CodexWindowInvalidError('too old'),
    ];
    for (const error of raised) expect(errorCodes).toContain(error.code);
    expect(raised.slice(4).map((e) => e.code)).toEqual([...codexErrorCodes]);
  });

  it('names the Codex codes, and the outage codes among them', () => {
    expect(codexErrorCodes).toEqual([
      'codex_auth',
      'codex_not_found',
      'codex_query_rejected',
      'codex_rate_limited',
      'codex_unavailable',
      'codex_unreachable',
      'codex_contract',
      'codex_window_invalid',
    ]);
    for (const code of codexOutageCodes) expect(codexErrorCodes).toContain(code);
  });

  it("reads anything that is not ours as 'internal'", () => {
    expect(errorCode(new TypeError('x'))).toBe('internal');
    expect(errorCode('a string')).toBe('internal');
    expect(errorCode(new CodexPulseError('store_locked', 'held'))).toBe('store_locked');
  });
});

describe('isCodexPulseError', () => {
  const lost = new CodexPulseError('store_claim_lost', 'taken over');

  it('matches ours by code, any of several codes, or any code when none is given', () => {
    expect(isCodexPulseError(lost, 'store_claim_lost')).toBe(true);
    expect(isCodexPulseError(lost, 'store_locked', 'store_claim_lost')).toBe(true);
    expect(isCodexPulseError(lost, 'store_locked')).toBe(false);
    expect(isCodexPulseError(lost)).toBe(true);
    expect(isCodexPulseError(new CodexUnavailableError('usage', 503, 5), ...codexOutageCodes)).toBe(true);
    expect(isCodexPulseError(new CodexContractError('usage', '', 'bad'), ...codexOutageCodes)).toBe(false);
  });

  it('never matches an error that only looks like ours', () => {
    const lookalike = Object.assign(new Error('x'), { code: 'store_claim_lost' });
    expect(isCodexPulseError(lookalike, 'store_claim_lost')).toBe(false);
    expect(isCodexPulseError(lookalike)).toBe(false);
    expect(isCodexPulseError(undefined)).toBe(false);
  });

  it('isOneOf narrows a code read back as a string', () => {
    expect(isOneOf('codex_unreachable', codexOutageCodes)).toBe(true);
    expect(isOneOf('codex_auth', codexOutageCodes)).toBe(false);
    expect(isOneOf(undefined, codexOutageCodes)).toBe(false);
  });
});

describe("Slack's error strings", () => {
  const slackError = (error: string) =>
    Object.assign(new Error(`An API error occurred: ${error}`), { data: { ok: false, error } });

  it('are matched by the typed guard, never against our codes', () => {
    expect(isSlackError(slackError('invalid_blocks'), 'invalid_blocks')).toBe(true);
    expect(isSlackError(slackError('not_in_channel'), 'invalid_blocks')).toBe(false);
    expect(isSlackError(new CodexPulseError('store_locked', 'x'), 'invalid_blocks')).toBe(false);
    expect(isMembershipError(slackError('channel_not_found'))).toBe(true);
    expect(isMembershipError(slackError('is_archived'))).toBe(false);
  });
});
