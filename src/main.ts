/**
 * The composition root: the one place that sees every layer (STYLE.md "Dependency direction"). It builds
 * the Codex client, the analytics, the command registry and the chart renderer once and hands them out as
 * plain values; the CLI subcommands (serve, preview, demo) and the end-to-end tests start from here.
 */
import { Registry } from 'prom-client';
import type { Dispatcher } from 'undici';
import type { DigestDeps } from '../commands/command-deps.js';
import type { CommandRegistry } from '../commands/command-types.js';
import { createCommandRegistry } from '../commands/create-command-registry.js';
import type { ChartSpec } from '../reports/chart-spec.js';
import { createWorkspaceAnalytics } from './analytics/create-workspace-analytics.js';
import type { WorkspaceAnalytics } from './analytics/workspace-analytics.js';
import { createChartRenderer, type RenderedChart, type RenderOptions } from './charts/chart-renderer.js';
import type { Clock } from './clock.js';
import { type CodexClient, createCodexClient } from './codex/codex-client.js';
import { createSurfaceMapper } from './codex/surfaces.js';
import type { Config } from './config/env.js';
import type { Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics/create-metrics.js';

/**
 * The collaborators compose() does not build: the clock and the logger come from the caller (the CLI
 * entry passes the system clock; tests pass one they control), never from a silent default (issue #9).
 */
export interface ComposeOverrides {
  clock: Clock;
  logger: Logger;
  /** undici dispatcher for the Codex API and QuickChart (proxies, tests); the client owns its pool otherwise. */
  fetchDispatcher?: Dispatcher;
}

/** Everything a running Codex Pulse needs, built once. */
export interface Composition {
  client: CodexClient;
  analytics: WorkspaceAnalytics;
  registry: CommandRegistry;
  /** The CHART_RENDERER renderer; `preferPng` asks for bytes even where a URL would do (preview). */
  renderChart: (spec: ChartSpec, options?: RenderOptions) => Promise<RenderedChart>;
  logger: Logger;
  clock: Clock;
  /** This composition's Prometheus metrics (GET /metrics), on its own Registry: never the global one. */
  metrics: Metrics;
  /** Releases what compose() opened (the Codex connection pool). Idempotent. */
  close(): Promise<void>;
}

/** Builds the object graph from a validated Config. No I/O happens until a command asks for figures. */
export function compose(config: Config, overrides: ComposeOverrides): Composition {
  const { logger, clock } = overrides;
  const dispatcher = overrides.fetchDispatcher ? { dispatcher: overrides.fetchDispatcher } : {};
  const { codex, env } = config;
  // One Registry per composition: two apps in one process (tests, the playground) never share series.
  const metrics = createMetrics(new Registry(), { processMetrics: true });
  const client = createCodexClient({
    baseUrl: codex.baseUrl,
    apiKey: codex.apiKey,
    workspaceId: codex.workspaceId,
    clock,
    logger,
    metrics,
    timeoutMs: codex.timeoutMs,
    maxRetries: codex.maxRetries,
    concurrency: codex.concurrency,
    pageLimit: codex.pageLimit,
    // The built-in simulator (demo credentials) has no request budget to respect.
    requestsPerMinute: codex.demo ? 0 : codex.requestsPerMinute,
    breakerThreshold: codex.breakerThreshold,
    breakerCooldownMs: codex.breakerCooldownMs,
    ...dispatcher,
  });
  const analytics = createWorkspaceAnalytics({
    client,
    clock,
    logger,
    surfaceOf: createSurfaceMapper(codex.surfaceMap, logger),
    cacheTtlMs: env.CACHE_TTL_SECONDS * 1000,
    workspaceId: codex.workspaceId,
  });
  const registry = createCommandRegistry({ analytics, logger });
  const renderer = createChartRenderer(
    { renderer: env.CHART_RENDERER, quickchartUrl: env.QUICKCHART_URL },
    { logger, ...dispatcher },
  );
  return {
    client,
    analytics,
    registry,
    renderChart: shareRenders((spec, options) => renderer.render(spec, options)),
    logger,
    clock,
    metrics,
    close: () => client.close(),
  };
}

/**
 * The command registry with scheduled-digest management. The store opens after compose (asynchronously,
 * and only in processes that deliver digests), so this is a second step over the same composition.
 */
export function registryWithDigests(c: Composition, digests: DigestDeps): CommandRegistry {
  return createCommandRegistry({ analytics: c.analytics, logger: c.logger, digests });
}

type Render = Composition['renderChart'];
const MAX_SHARED_RENDERS = 32;

/**
 * Identical charts render once: fifty people asking for the same window at once would otherwise queue
 * fifty identical canvas renders on the one event loop (bench/slack-commands.ts, 50 concurrent). Keyed by
 * the spec itself, so different data never shares; a failed render is forgotten at once; bounded LRU.
 */
function shareRenders(render: Render): Render {
  const recent = new Map<string, Promise<RenderedChart>>();
  return (spec, options) => {
    const key = `${options?.preferPng ? 'png' : 'any'}:${JSON.stringify(spec)}`;
    const hit = recent.get(key);
    if (hit) {
      recent.delete(key);
      recent.set(key, hit);
      return hit;
    }
    const rendered = render(spec, options);
    recent.set(key, rendered);
    rendered.catch(() => recent.delete(key));
    if (recent.size > MAX_SHARED_RENDERS) recent.delete(recent.keys().next().value ?? '');
    return rendered;
  };
}
