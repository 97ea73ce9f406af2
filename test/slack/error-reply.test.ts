import { describe, expect, it } from 'vitest';
import { CodexRateLimitedError, CodexWindowInvalidError } from '../../src/codex/codex-errors.js';
import { CodexPulseError, errorCodes, UsageError } from '../../src/errors.js';
import { errorReply } from '../../src/slack/error-reply.js';

describe('errorReply', () => {
  it('gives every code a reply, logged under that code', () => {
    for (const code of errorCodes) {
      const error = code === 'internal' ? new TypeError('kaboom') : new CodexPulseError(code, 'detail');
      const reply = errorReply(error, 'ref12345');
      expect(reply.code).toBe(code);
      expect(reply.text).toMatch(/^:warning: \S/);
      expect(reply.text).not.toContain('undefined');
    }
  });

  it('shows messages written for people, and a reference for the rest', () => {
    expect(errorReply(new UsageError('Usage: /codex top'), 'r1').text).toBe(':warning: Usage: /codex top');
    expect(errorReply(new CodexWindowInvalidError('Too old.'), 'r1').text).toBe(':warning: Too old.');
    for (const code of [
      'internal',
      'store_claim_lost',
      'chart_render_failed',
      'store_unavailable',
    ] as const) {
      expect(errorReply(new CodexPulseError(code, 'at /srv/secret.ts:1'), 'abcd1234').text).toContain(
        '(ref: abcd1234)',
      );
    }
    expect(errorReply(new TypeError('at /srv/secret.ts:1'), 'abcd1234').text).toBe(
      ':warning: Something went wrong (ref: abcd1234).',
    );
  });

  it("says how long to wait when rate limited, from the API's Retry-After or a minute", () => {
    expect(errorReply(new CodexRateLimitedError('usage', 12.2, 5), 'r').text).toContain('Try again in 13 s.');
    expect(errorReply(new CodexRateLimitedError('usage', null, 5), 'r').text).toContain('Try again in 60 s.');
  });
});
