import type { CallOptions } from '../src/analytics/workspace-analytics.js';
import type { CommandInvocation } from './command-types.js';

/**
 * The invocation's abort signal as analytics call options. Spread conditionally because
 * `exactOptionalPropertyTypes` forbids passing `signal: undefined`.
 */
export function callOptions(invocation: CommandInvocation): CallOptions {
  return invocation.signal === undefined ? {} : { signal: invocation.signal };
}
