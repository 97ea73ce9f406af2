import type { FakeSlackState } from './fake-slack-state.js';

/** One Web API method: decoded params in, the JSON body Slack would answer (always with `ok`) out. */
export type MethodHandler = (
  params: Record<string, unknown>,
  state: FakeSlackState,
) => Record<string, unknown>;

export const fail = (error: string): Record<string, unknown> => ({ ok: false, error });
