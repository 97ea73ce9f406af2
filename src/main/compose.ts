/**
 * The core every answering process needs — the analytics over the usage warehouse, the alert history, the
 * team pricing, the chart renderer and the metrics — built once over an open warehouse and its sync job.
 * Answers read the warehouse, never the API (issue 11, part 2), so compose() opens nothing of its own.
 */
import type { ChartSpec } from '../../reports/charts/chart-spec.js';
import { type AlertHistory, createAlertHistory } from '../analytics/alert-history.js';
import { createWorkspaceAnalytics } from '../analytics/create-workspace-analytics.js';
import { warehouseWindowRows } from '../analytics/warehouse-window-rows.js';
import type { WorkspaceAnalytics } from '../analytics/workspace-analytics.js';
import { createChartRenderer } from '../charts/chart-renderer.js';
import type { RenderedChart, RenderOptions } from '../charts/chart-types.js';
import { shareRenders } from '../charts/share-renders.js';
import type { Clock } from '../clock.js';
import { createSurfaceMapper } from '../codex/surface-mapper.js';
import type { Config } from '../config/env.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/create-metrics.js';
import type { TeamFiguresPricing } from '../warehouse/warehouse-teams.js';
import type { ComposeBase } from './compose-base.js';
import type { SyncRuntime } from './open-sync.js';

/**
 * After a failed top-up (the API is down), answers come from the warehouse as it is for this long before
 * a question tries the API again: an outage must not make every answer wait for a failing sync.
 */
const TOP_UP_RETRY_MS = 5 * 60_000;

/** The core of a running Codex Pulse, built once per process. */
export interface Composition {
  /** Figures over the usage warehouse's rows (issue 11): every answer reads the store, never the API. */
  analytics: WorkspaceAnalytics;
  /** Alert rules' metrics over the warehouse's history (issue 13). */
  alertHistory: AlertHistory;
  /** CREDIT_PRICE_USD and the surface mapper, for team figures' estimated USD and top surface. */
  teamPricing: TeamFiguresPricing;
  /** The warehouse and sync job the analytics read and top up through (the schedule uses the same). */
  sync: Pick<SyncRuntime, 'warehouse' | 'job' | 'resetCodexCircuit'>;
  /** The CHART_RENDERER renderer; `preferPng` asks for bytes even where a URL would do (preview). */
  renderChart: (spec: ChartSpec, options?: RenderOptions) => Promise<RenderedChart>;
  logger: Logger;
  clock: Clock;
  /** This composition's Prometheus metrics (GET /metrics), on its own Registry: never the global one. */
  metrics: Metrics;
  /** Closes the warehouse and its sync job (and the job's Codex client). */
  close(): Promise<void>;
}

/**
 * Builds the core from its config sections over an open warehouse and its sync job (openSync). No I/O
 * happens until a command asks for figures; compose() opens nothing of its own (the only Codex client is
 * the sync job's, since answers read the warehouse), so openComposition's close() closes the sync runtime.
 */
export function compose(
  config: Pick<Config, 'codex' | 'charts' | 'analytics'>,
  base: ComposeBase,
  parts: {
    sync: Pick<SyncRuntime, 'warehouse' | 'job' | 'stopSignal' | 'resetCodexCircuit'>;
    /** The composition's metrics (compositionMetrics), shared with its sync job's client. */
    metrics: Metrics;
  },
): Omit<Composition, 'close'> {
  const { logger, clock } = base;
  const { sync, metrics } = parts;
  const dispatcher = base.fetchDispatcher ? { dispatcher: base.fetchDispatcher } : {};
  const { codex } = config;
  const surfaceOf = createSurfaceMapper(codex.surfaceMap, logger);
  const analytics = createWorkspaceAnalytics({
    rows: warehouseWindowRows({
      warehouse: sync.warehouse,
      sync: sync.job,
      clock,
      logger,
      retryAfterMs: TOP_UP_RETRY_MS,
      stopSignal: sync.stopSignal,
    }),
    clock,
    logger,
    surfaceOf,
    cacheTtlMs: config.analytics.cacheTtlMs,
    workspaceId: codex.workspaceId,
    userFigures: sync.warehouse.userFigures,
    figures: sync.warehouse,
  });
  const renderer = createChartRenderer(
    { renderer: config.charts.renderer, quickchartUrl: config.charts.quickchartUrl },
    { logger, ...dispatcher },
  );
  const alertHistory = createAlertHistory({
    warehouse: sync.warehouse,
    clock,
    surfaceOf,
    creditPriceUsd: config.analytics.creditPriceUsd,
  });
  return {
    analytics,
    alertHistory,
    teamPricing: { surfaceOf, creditPriceUsd: config.analytics.creditPriceUsd },
    sync: { warehouse: sync.warehouse, job: sync.job, resetCodexCircuit: sync.resetCodexCircuit },
    renderChart: shareRenders((spec, options) => renderer.render(spec, options)),
    logger,
    clock,
    metrics,
  };
}
