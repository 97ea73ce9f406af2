/**
 * The HTTP handler: routing, bearer auth, fault injection, query validation and the page envelope, in
 * the order the real API applies them (auth before rate limiting, rate limiting before validation).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../logger.js';
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor.js';
import { type FaultInjector, malformRow } from './fault-injector.js';
import { type EndpointName, parseQuery } from './query-params.js';
import { bucketsFor, isValidPosition, rowPage } from './row-pages.js';
import { nowSeconds } from './simulated-org.js';
import type { SimulatorData } from './simulator-data.js';
import type { SimulatorStats } from './simulator-stats.js';

/** The real API's path prefix; `baseUrl` ends with it. */
export const API_PREFIX = '/v1/analytics/codex';
const ROUTE = /^\/v1\/analytics\/codex\/workspaces\/([^/]+)\/(usage|code_reviews|code_review_responses)\/?$/;
const STATUS_TEXT: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export interface HandlerDeps {
  data: SimulatorData;
  apiKey: string;
  workspaceId: string;
  faults: FaultInjector;
  stats: SimulatorStats;
  logger: Logger;
  /** Waits `ms` (real time): injected latency. */
  delay: (ms: number) => Promise<void>;
}

/** Builds the request listener for node:http. */
export function createSimulatorHandler(
  deps: HandlerDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      deps.logger.error(
        'simulator request failed',
        error instanceof Error ? error : { error: String(error) },
      );
      if (!res.headersSent) send(deps, res, 'other', 500, { detail: 'Internal Server Error' });
    });
  };
}

async function handle(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator.local');
  const match = ROUTE.exec(url.pathname);
  const endpoint = (match?.[2] ?? 'other') as EndpointName | 'other';
  const latency = deps.faults.faults().latencyMs ?? 0;
  if (latency > 0) await deps.delay(latency);
  if (!match || endpoint === 'other') return send(deps, res, endpoint, 404, { detail: 'Not Found' });
  if (req.method !== 'GET') return send(deps, res, endpoint, 405, { detail: 'Method Not Allowed' });

  const auth = req.headers.authorization ?? '';
  const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim();
  if (token !== deps.apiKey) {
    res.setHeader('WWW-Authenticate', 'Bearer');
    // Both shapes occur on the real API's 401 (contract): FastAPI's `detail` without a key, an
    // OpenAI-style `{"error":{"message":…}}` for a wrong one.
    if (token === undefined) return send(deps, res, endpoint, 401, { detail: 'Not authenticated' });
    return send(deps, res, endpoint, 401, {
      error: { message: 'Invalid API key', type: 'invalid_request_error', code: 'invalid_api_key' },
    });
  }
  if (safeDecode(match[1] ?? '') !== deps.workspaceId) {
    return send(deps, res, endpoint, 404, { detail: 'Workspace not found' });
  }

  const failure = deps.faults.nextFailure();
  if (failure) {
    if (failure.status === 429) {
      res.setHeader('Retry-After', String(failure.retryAfterSeconds ?? 1));
      return send(deps, res, endpoint, 429, { detail: 'Rate limit exceeded, retry later' });
    }
    return send(deps, res, endpoint, failure.status, {
      detail: STATUS_TEXT[failure.status] ?? 'Server Error',
    });
  }

  const parsed = parseQuery(endpoint, url.searchParams, nowSeconds(deps.data.org));
  if (!parsed.ok) return send(deps, res, endpoint, 422, { detail: parsed.issues });
  const query = parsed.query;
  const fingerprint = queryFingerprint(endpoint, deps.workspaceId, query);
  let from = null;
  if (query.page !== null) {
    from = decodeCursor(query.page, fingerprint);
    if (!from || !isValidPosition(deps.data, bucketsFor(deps.data, query), from)) {
      const issue = {
        loc: ['query', 'page'],
        msg: 'Value error, invalid page cursor for these parameters',
        type: 'value_error',
        input: query.page,
      };
      return send(deps, res, endpoint, 422, { detail: [issue] });
    }
  }

  const page = rowPage(deps.data, endpoint, query, from);
  const first = page.rows[0];
  if (first !== undefined && deps.faults.nextMalformed()) {
    const row = JSON.parse(first) as Record<string, unknown>;
    malformRow(row);
    page.rows[0] = JSON.stringify(row);
  }
  // The envelope is assembled around the pre-serialised rows (see usage-json.ts for why).
  const nextPage = page.next ? JSON.stringify(encodeCursor(fingerprint, page.next)) : 'null';
  const text = `{"object":"page","data":[${page.rows.join(',')}],"has_more":${page.next !== null},"next_page":${nextPage}}`;
  return sendText(deps, res, endpoint, 200, text);
}

function send(deps: HandlerDeps, res: ServerResponse, endpoint: string, status: number, body: unknown): void {
  sendText(deps, res, endpoint, status, JSON.stringify(body));
}

function sendText(
  deps: HandlerDeps,
  res: ServerResponse,
  endpoint: string,
  status: number,
  text: string,
): void {
  deps.stats.record(endpoint, status);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** A malformed %-escape names no workspace we know: treat it as unknown rather than a server error. */
function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
