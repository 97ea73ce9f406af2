import type { webApi } from '@slack/bolt';
import type { Metrics } from './create-metrics.js';

type FetchFunction = NonNullable<webApi.WebClientOptions['fetch']>;

const METHOD = /^[a-z]+(?:\.[A-Za-z]+)+$/;

/**
 * The Web API client's fetch, counting failed calls by method and Slack's error code. The client's
 * `fetch` option is its one injectable seam that sees every call (Bolt's listener clients and the
 * digest client alike); the body is read from a clone, so the client still reads its own.
 */
export function observeSlackFetch(
  metrics: Pick<Metrics, 'slackApiError'>,
  fetch: FetchFunction = globalThis.fetch,
): FetchFunction {
  return async (url, init) => {
    const method = methodOf(url);
    let response: Awaited<ReturnType<FetchFunction>>;
    try {
      response = await fetch(url, init);
    } catch (error) {
      metrics.slackApiError(method, 'request_failed');
      throw error;
    }
    if (response.status === 429) metrics.slackApiError(method, 'ratelimited');
    else if (response.status !== 200) metrics.slackApiError(method, `http_${response.status}`);
    else if (response instanceof Response && isJson(response)) {
      const body: unknown = await response
        .clone()
        .json()
        .catch(() => null);
      if (typeof body === 'object' && body !== null && (body as { ok?: unknown }).ok === false) {
        const code = (body as { error?: unknown }).error;
        metrics.slackApiError(method, typeof code === 'string' ? code : 'unknown');
      }
    }
    return response;
  };
}

/** `…/api/chat.postMessage` → `chat.postMessage`; upload URLs and anything odd → one bounded label. */
function methodOf(url: string | URL): string {
  const path = new URL(String(url)).pathname;
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (!path.includes('/api/')) return 'file_upload';
  return METHOD.test(name) ? name : 'other';
}

function isJson(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').includes('json');
}
