/**
 * Short retries for interactive paths: a person is waiting, and the default policy retries for ~30
 * minutes. The client still honours Retry-After on 429 before each retry.
 */
export const interactiveRetryConfig = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 3_000 };
