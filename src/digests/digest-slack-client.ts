import { webApi } from '@slack/bolt';
import type { Logger } from '../logger.js';
import type { SlackClient } from '../slack/slack-client.js';

/**
 * Retries for scheduled digests: nobody is waiting on a reply, so network errors and 5xx are retried
 * patiently (about 2.5 minutes in all) rather than lost. 429s are not retried here: see below.
 */
export const digestRetryConfig = { retries: 6, factor: 2, minTimeout: 1_000, maxTimeout: 60_000 };

export interface DigestSlackClientOptions {
  token: string;
  /** Web API base (the fake Slack in tests); must end with '/'. */
  apiUrl?: string;
  logger: Logger;
  /** Requests in flight at once; default 256 (one per channel lane, plus chart uploads). */
  maxRequestConcurrency?: number;
}

/**
 * The Web API client the digest service posts with. `rejectRateLimitedCalls`: a 429 comes back to the
 * channel pacer (channel-pacer.ts), which honours Retry-After for that channel alone on the injected
 * clock; the client's own handling would pause every channel's requests for the wait.
 */
export function createDigestSlackClient(options: DigestSlackClientOptions): SlackClient {
  return new webApi.WebClient(options.token, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    logger: options.logger,
    retryConfig: digestRetryConfig,
    rejectRateLimitedCalls: true,
    maxRequestConcurrency: options.maxRequestConcurrency ?? 256,
  });
}
