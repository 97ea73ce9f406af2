/**
 * Sequential cursor paging of one endpoint. The cursor is opaque [doc]: we only pass back `next_page`
 * with the other parameters unchanged, and guard against a server bug that would make us loop (a
 * cursor seen before) or stop silently (`has_more: true` without a cursor).
 */
import { CodexContractError } from './codex-errors.js';
import { FetchedPage } from './fetched-page.js';
import type { AnalyticsQuery, Endpoint } from './schemas.js';
import { type RequestContext, sendRequest } from './send-request.js';

/**
 * Yields each non-empty page, in API order, until `has_more` is false. Envelopes are checked here;
 * rows are validated when the consumer calls `rows()` (see FetchedPage).
 */
export async function* paginate<E extends Endpoint>(
  ctx: RequestContext,
  endpointUrl: string,
  endpoint: E,
  query: AnalyticsQuery,
  signal: AbortSignal | undefined,
): AsyncGenerator<FetchedPage<E>, void, undefined> {
  const seen = new Set<string>();
  let cursor: string | null = null;
  for (let page = 1; ; page++) {
    const response = await sendRequest(ctx, endpoint, buildUrl(endpointUrl, query, cursor), page, signal);
    const fetched = new FetchedPage(endpoint, response.body, response.status);
    if (fetched.hasMore) {
      if (!fetched.nextPage) {
        throw new CodexContractError(
          endpoint,
          'next_page',
          `has_more is true but next_page is missing (page ${page})`,
        );
      }
      if (seen.has(fetched.nextPage)) {
        throw new CodexContractError(
          endpoint,
          'next_page',
          `the cursor repeats an earlier one (page ${page}): paging would loop`,
        );
      }
      seen.add(fetched.nextPage);
    }
    if (fetched.count > 0) yield fetched;
    if (!fetched.hasMore) return;
    cursor = fetched.nextPage;
  }
}

/** The request URL for `query`; parameter names per the contract. */
export function buildUrl(endpointUrl: string, query: AnalyticsQuery, cursor: string | null): string {
  const params = new URLSearchParams();
  if (query.startTime !== undefined) params.set('start_time', String(query.startTime));
  if (query.endTime !== undefined) params.set('end_time', String(query.endTime));
  // group_by is missing from the captured OpenAPI parameter list (contract): `day` is the default, so it
  // is never sent; `week` only when a caller asks for weekly buckets.
  if (query.groupBy === 'week') params.set('group_by', 'week');
  if (query.group !== undefined) params.set('group', query.group);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (cursor !== null) params.set('page', cursor);
  const search = params.toString();
  return search ? `${endpointUrl}?${search}` : endpointUrl;
}
