/**
 * What every chart renderer is and returns. Its own file so the renderers import it without importing
 * `createChartRenderer`, which imports them (issue 10: no file cycles).
 */
import type { ChartSpec } from '../../reports/charts/chart-spec.js';

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
