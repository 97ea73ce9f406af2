import { webApi } from '@slack/bolt';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/create-metrics.js';
import { observeSlackFetch } from '../metrics/observe-slack-fetch.js';
import type { SlackClient } from '../slack-posting/slack-client.js';

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
  /** Counts failed calls by method and Slack error code (codex_pulse_slack_api_errors_total). */
  metrics: Pick<Metrics, 'slackApiError'>;
  /** Requests in flight at once; default 256 (one per channel lane, plus chart uploads). */
  maxRequestConcurrency?: number;
}

/** Each digest client's twin that never retries (see postOnceClient). */
const twins = new WeakMap<SlackClient, SlackClient>();

/**
 * The Web API client the digest service posts with. `rejectRateLimitedCalls`: a 429 comes back to the
 * channel pacer (channel-pacer.ts), which honours Retry-After for that channel alone on the injected
 * clock; the client's own handling would pause every channel's requests for the wait.
 */
export function createDigestSlackClient(options: DigestSlackClientOptions): SlackClient {
  const make = (retryConfig: { retries: number }) =>
    new webApi.WebClient(options.token, {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
      logger: options.logger,
      fetch: observeSlackFetch(options.metrics),
      retryConfig,
      rejectRateLimitedCalls: true,
      maxRequestConcurrency: options.maxRequestConcurrency ?? 256,
    });
  const client = make(digestRetryConfig);
  twins.set(client, make({ retries: 0 }));
  return client;
}

/**
 * The client to post digest parts with: one that does not retry. A post whose answer was lost may well
 * be in the channel — retrying it blindly is how one digest got two parents — so postDigestPart looks
 * for it in Slack (by its metadata) before posting again. A client not made by createDigestSlackClient
 * is used as it is.
 */
export function postOnceClient(client: SlackClient): SlackClient {
  return twins.get(client) ?? client;
}
