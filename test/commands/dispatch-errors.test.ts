import { afterEach, describe, expect, it } from 'vitest';
import { CodexPulseError, UsageError } from '../../src/errors.js';
import { type CommandHarness, startCommandHarness } from './command-harness.js';

/** Each case gets its own simulator: injected faults and a bad key must not leak into other tests. */
describe('errors propagate to the edge with their code', () => {
  let h: CommandHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it.each([
    ['frobnicate', "I don't know the command"],
    ['usage 800d', 'day ranges go from `1d` to `731d`'],
    ['top 99', 'Usage: `/codex top'],
    ['export', 'Export what?'],
  ])('bad input %j → UsageError with friendly text, before any API call', async (text, expected) => {
    h = await startCommandHarness({ users: 20 });
    const error = await h.run(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).code).toBe('usage_invalid');
    expect((error as Error).message).toContain(expected);
    expect(h.sim.stats().requests).toBe(0);
  });

  it('a wrong API key → codex_auth', async () => {
    h = await startCommandHarness({ users: 20, apiKey: 'sk-wrong-key' });
    const error = await h.run('usage').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CodexPulseError);
    expect((error as CodexPulseError).code).toBe('codex_auth');
  });

  it('an API that keeps answering 503 → codex_unavailable after the retries', async () => {
    h = await startCommandHarness({ users: 20, maxRetries: 2 });
    h.sim.failNext({ status: 503, count: 100 });
    const error = await h.run('reviews').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CodexPulseError);
    expect((error as CodexPulseError).code).toBe('codex_unavailable');
  });

  it('a malformed API row → codex_contract, for admins too', async () => {
    h = await startCommandHarness({ users: 20 });
    h.sim.malformNext(100);
    const error = await h.run('top', { isAdmin: true }).catch((e: unknown) => e);
    expect((error as CodexPulseError).code).toBe('codex_contract');
  });
});
