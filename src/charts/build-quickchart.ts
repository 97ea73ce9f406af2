import { createRequire } from 'node:module';
import type { ChartSpec } from '../../reports/charts/chart-spec.js';
import { DEVICE_PIXEL_RATIO } from './local-renderer.js';

/** The body QuickChart's `POST /chart` takes; `chart` is the config as a JavaScript object literal. */
export interface QuickChartPostData {
  chart: string;
  width?: number;
  height?: number;
  format?: string;
  version?: string;
  backgroundColor?: string;
  devicePixelRatio?: number;
}

/** The part of quickchart-js we use: a builder only. Its own HTTP calls have no timeout or proxy. */
export interface QuickChartBuilder {
  getUrl(): string;
  getPostData(): QuickChartPostData;
}

interface QuickChartInstance extends QuickChartBuilder {
  setConfig(config: object): QuickChartInstance;
  setVersion(version: string): QuickChartInstance;
  setWidth(width: number): QuickChartInstance;
  setHeight(height: number): QuickChartInstance;
  setDevicePixelRatio(ratio: number): QuickChartInstance;
  setBackgroundColor(color: string): QuickChartInstance;
  setHost(host: string): QuickChartInstance;
  setScheme(scheme: string): QuickChartInstance;
}

type QuickChartClass = new () => QuickChartInstance;

/**
 * Loads the CJS build: under `module: nodenext` the package's ESM typings break `new QuickChart()`
 * (docs/charts-and-stack.md). The narrow cast is the whole boundary with the untyped require.
 */
function loadQuickChart(): QuickChartClass {
  const require = createRequire(import.meta.url);
  return require('quickchart-js') as QuickChartClass;
}

/**
 * A QuickChart builder for `spec`, pointed at `baseUrl` (QUICKCHART_URL). Chart.js v4 explicitly: the
 * library defaults to 2.9.4, which draws a v4 config wrong. Same pixel ratio and background as the
 * local renderer so both produce the same image.
 */
export function buildQuickChart(spec: ChartSpec, baseUrl: URL): QuickChartBuilder {
  const QuickChart = loadQuickChart();
  // quickchart-js has no base-URL setter; it joins `${scheme}://${host}`, so a path prefix rides on host.
  const host = `${baseUrl.host}${baseUrl.pathname.replace(/\/+$/, '')}`;
  return new QuickChart()
    .setConfig(spec.config)
    .setVersion('4')
    .setWidth(spec.width)
    .setHeight(spec.height)
    .setDevicePixelRatio(DEVICE_PIXEL_RATIO)
    .setBackgroundColor('white')
    .setHost(host)
    .setScheme(baseUrl.protocol.replace(/:$/, ''));
}
