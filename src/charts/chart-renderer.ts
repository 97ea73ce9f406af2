import type { Dispatcher } from 'undici';
import type { ChartSpec } from '../../reports/chart-spec.js';
import type { Logger } from '../logger.js';
import { createLocalRenderer } from './local-renderer.js';
import { createQuickChartRenderer } from './quickchart-renderer.js';
import { createTextRenderer } from './text-renderer.js';

/** What a renderer hands to the Slack edge; each kind maps to one way of showing the chart. */
export type RenderedChart =
  /** Pixel size of the PNG, device pixel ratio applied (a 800×400 spec gives 1600×800). */
  | { kind: 'png'; png: Buffer; width: number; height: number }
  /** A public QuickChart URL that fits Slack's 3000-character `image_url`. */
  | { kind: 'url'; url: string }
  /** Unicode bars for CHART_RENDERER=none, ready to be wrapped in a ``` code block. */
  | { kind: 'text'; text: string };

export interface RenderOptions {
  /** Aborts a pending HTTP call or a render that has not started encoding yet. */
  signal?: AbortSignal;
  /** Ask for bytes even when a URL would do (e.g. the caller uploads the file to Slack). */
  preferPng?: boolean;
}

/** Turns a plain-JSON Chart.js v4 spec into something Slack can show. Throws ChartRenderError. */
export interface ChartRenderer {
  readonly kind: 'local' | 'quickchart' | 'none';
  render(spec: ChartSpec, options?: RenderOptions): Promise<RenderedChart>;
}

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
