import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { digestRetryConfig } from './digest-slack-client.js';

/** WebClient errors after which nobody knows whether Slack stored the message: no answer, or a 5xx. */
const UNKNOWN_OUTCOME = new Set(['slack_webapi_request_error', 'slack_webapi_http_error']);

function outcomeUnknown(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && UNKNOWN_OUTCOME.has(code);
}

/**
 * Posts through `post` (a client that does not retry, see postOnceClient) and, when the answer is lost
 * or a 5xx, waits and asks Slack with `find` whether the message landed before posting again: a blind
 * retry is how a lost answer became a second parent. Backoff as the digest client's (1 s doubling to
 * 60 s, 6 retries), on the injected clock. `find` never throws; when it cannot read Slack it logs why
 * and returns nothing, and the post is retried as before.
 */
export async function postOrFind(
  deps: { clock: Clock; logger: Logger },
  post: () => Promise<string>,
  find: () => Promise<string | undefined>,
  fields: Record<string, unknown>,
): Promise<string> {
  const { retries, factor, minTimeout, maxTimeout } = digestRetryConfig;
  for (let retry = 0; ; retry += 1) {
    try {
      return await post();
    } catch (error) {
      if (!outcomeUnknown(error) || retry >= retries) throw error;
      await deps.clock.sleep(Math.min(maxTimeout, minTimeout * factor ** retry));
      const ts = await find();
      if (ts) {
        deps.logger.info('digest post answer was lost, but Slack has it: not posting again', {
          ...fields,
          ts,
        });
        return ts;
      }
      deps.logger.warn('digest post failed without an answer; posting again', {
        ...fields,
        retry: retry + 1,
      });
    }
  }
}
