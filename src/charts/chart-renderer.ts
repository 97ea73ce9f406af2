import type { Dispatcher } from 'undici';
import type { Logger } from '../logger.js';
import type { ChartRenderer } from './chart-types.js';
import { createLocalRenderer } from './local-renderer.js';
import { createQuickChartRenderer } from './quickchart-renderer.js';
import { createTextRenderer } from './text-renderer.js';

export interface ChartRendererConfig {
  /** CHART_RENDERER */
  renderer: 'local' | 'quickchart' | 'none';
  /** QUICKCHART_URL; only read by the quickchart renderer. */
  quickchartUrl: string;
}

export interface ChartRendererDeps {
  logger: Logger;
  /** undici dispatcher for QuickChart POSTs (proxy, tests); the global one when absent. */
  dispatcher?: Dispatcher;
}

/** Builds the renderer CHART_RENDERER selects. Cheap: chart.js and the canvas load on first render. */
export function createChartRenderer(config: ChartRendererConfig, deps: ChartRendererDeps): ChartRenderer {
  switch (config.renderer) {
    case 'local':
      return createLocalRenderer(deps);
    case 'quickchart':
      return createQuickChartRenderer({ baseUrl: config.quickchartUrl }, deps);
    case 'none':
      return createTextRenderer();
  }
}
