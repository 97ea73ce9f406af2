import type { webApi } from '@slack/bolt';

/** The Web API client Bolt hands to listeners (re-exported by Bolt, so no direct web-api dependency). */
export type SlackClient = webApi.WebClient;

/**
 * Short retries for interactive paths: a person is waiting, and the default policy retries for ~30
 * minutes. The client still honours Retry-After on 429 before each retry.
 */
export const interactiveRetryConfig = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 3_000 };
