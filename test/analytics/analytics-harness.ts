/**
 * Shared wiring for the analytics tests: the real simulator and the real Codex client, both pinned to
 * NOW by a manual clock, and the rows a test computes its expected figures from. The analytics here read
 * the API directly (apiWindowRows): the loader's caching and sharing, and the reference side of the
 * warehouse cross-check (test/analytics/warehouse-cross-check.test.ts).
 */

import type { Dispatcher } from 'undici';
import { createWorkspaceAnalytics } from '../../src/analytics/create-workspace-analytics.js';
import { apiWindowRows } from '../../src/analytics/window-rows.js';
import { createManualClock } from '../../src/clock.js';
import { createCodexClient } from '../../src/codex/codex-client.js';
import type { UsageRow } from '../../src/codex/schemas.js';
import { createSurfaceMapper } from '../../src/codex/surface-mapper.js';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/start-simulator.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { testMetrics } from '../helpers/test-metrics.js';

export const NOW = new Date('2026-11-24T10:00:00Z');
export const DAY = 86_400;
/** 00:00 UTC of NOW's day. */
export const TODAY = Date.UTC(2026, 10, 24) / 1000;
export const surfaceOf = createSurfaceMapper();

/** A simulator whose clock is fixed at NOW. */
export function startTestSimulator(options: { users?: number; workspaceId?: string; seed?: string } = {}) {
  return startSimulator({ now: () => NOW, users: options.users ?? 40, ...options });
}

/** Analytics over a real client of `sim`, with its own manual clock at NOW. */
export function analyticsFor(
  sim: RunningSimulator,
  options: { cacheTtlMs?: number; workspaceId?: string; dispatcher?: Dispatcher } = {},
) {
  const clock = createManualClock(NOW);
  const logger = createMemoryLogger('warn');
  const workspaceId = options.workspaceId ?? sim.workspaceId;
  const client = createCodexClient({
    baseUrl: sim.baseUrl,
    apiKey: sim.apiKey,
    workspaceId,
    clock,
    logger,
    random: () => 0.5,
    maxRetries: 0,
    metrics: testMetrics(),
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
  });
  const analytics = createWorkspaceAnalytics({
    rows: apiWindowRows(client, clock),
    clock,
    logger,
    surfaceOf,
    cacheTtlMs: options.cacheTtlMs ?? 60_000,
    workspaceId,
  });
  return { analytics, client, clock, logger };
}

/** Every per-user daily usage row of a window, as plain parsed objects (the expected side of a test). */
export async function plainUsageRows(
  client: ReturnType<typeof createCodexClient>,
  window: { start: number; end: number },
): Promise<UsageRow[]> {
  return client.fetchAll('usage', { startTime: window.start, endTime: window.end, groupBy: 'day' });
}
