/** Shared helpers for the simulator tests: a date-stable simulator and small fetch wrappers. */
import {
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from '../../../src/dev/simulator/start-simulator.js';

/** Tuesday 2026-11-24 10:00 UTC: every test pins the simulated clock here. */
export const NOW = new Date('2026-11-24T10:00:00Z');
export const DAY = 86_400;
/** 00:00 UTC of NOW's day, in Unix seconds. */
export const TODAY = Date.UTC(2026, 10, 24) / 1000;

export type EndpointPath = 'usage' | 'code_reviews' | 'code_review_responses';

export interface Envelope {
  object: string;
  data: Record<string, unknown>[];
  has_more: boolean;
  next_page: string | null;
}

/** Starts a simulator with the clock pinned to NOW. */
export function startTestSimulator(options: Partial<SimulatorOptions> = {}): Promise<RunningSimulator> {
  return startSimulator({ ...options, now: options.now ?? (() => NOW) });
}

/** The URL of an endpoint with query parameters (undefined values are left out). */
export function endpointUrl(
  sim: RunningSimulator,
  endpoint: EndpointPath,
  params: Record<string, string | number | undefined> = {},
  workspaceId = sim.workspaceId,
): string {
  const url = new URL(`${sim.baseUrl}/workspaces/${workspaceId}/${endpoint}`);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

/** GET with the simulator's key; returns status, headers, raw text and parsed body. */
export async function call(
  sim: RunningSimulator,
  endpoint: EndpointPath,
  params: Record<string, string | number | undefined> = {},
  init: { key?: string | null; workspaceId?: string } = {},
): Promise<{ status: number; headers: Headers; text: string; body: unknown }> {
  const key = init.key === undefined ? sim.apiKey : init.key;
  const response = await fetch(endpointUrl(sim, endpoint, params, init.workspaceId), {
    headers: key === null ? {} : { Authorization: `Bearer ${key}` },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as unknown };
}

/** One page that must be a 200. */
export async function page(
  sim: RunningSimulator,
  endpoint: EndpointPath,
  params: Record<string, string | number | undefined> = {},
): Promise<Envelope> {
  const result = await call(sim, endpoint, params);
  if (result.status !== 200) throw new Error(`expected 200, got ${result.status}: ${result.text}`);
  return result.body as Envelope;
}

/** Follows next_page to the end and returns every row (with a guard against a repeating cursor). */
export async function allRows(
  sim: RunningSimulator,
  endpoint: EndpointPath,
  params: Record<string, string | number | undefined> = {},
): Promise<{ rows: Record<string, unknown>[]; pages: number }> {
  const rows: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const body = await page(sim, endpoint, { ...params, page: cursor });
    pages++;
    rows.push(...body.data);
    if (!body.next_page) return { rows, pages };
    if (seen.has(body.next_page)) throw new Error('cursor repeated');
    seen.add(body.next_page);
    cursor = body.next_page;
  }
}
