import type { Dispatcher } from 'undici';
import type { ChartSpec } from '../../reports/charts/chart-spec.js';
import type { Logger } from '../logger.js';
import { buildQuickChart } from './build-quickchart.js';
import { ChartRenderError } from './chart-render-error.js';
import type { ChartRenderer, RenderedChart, RenderOptions } from './chart-types.js';
import { chooseQuickChartDelivery } from './choose-quickchart-delivery.js';
import { postQuickChartPng } from './post-quickchart-png.js';

export interface QuickChartRendererConfig {
  /** QUICKCHART_URL, e.g. https://quickchart.io or http://quickchart:3400 for a self-hosted one. */
  baseUrl: string;
  /** Per attempt; a POST is tried twice at most. */
  timeoutMs?: number;
}

/**
 * CHART_RENDERER=quickchart: a public QuickChart URL when Slack can fetch it and it fits `image_url`,
 * otherwise the PNG fetched by our own POST. Note the URL carries every label and figure in clear text
 * to whoever hosts QuickChart (docs/charts-and-stack.md).
 */
export function createQuickChartRenderer(
  config: QuickChartRendererConfig,
  deps: { logger: Logger; dispatcher?: Dispatcher },
): ChartRenderer {
  const baseUrl = new URL(config.baseUrl);
  const endpoint = `${config.baseUrl.replace(/\/+$/, '')}/chart`;
  const timeoutMs = config.timeoutMs ?? 10_000;

  return {
    kind: 'quickchart',
    async render(spec: ChartSpec, options: RenderOptions = {}): Promise<RenderedChart> {
      const started = performance.now();
      try {
        const builder = buildQuickChart(spec, baseUrl);
        const url = builder.getUrl();
        const delivery = chooseQuickChartDelivery(url, baseUrl.hostname, options.preferPng ?? false);
        if (delivery === 'url') return { kind: 'url', url };
        const { png, width, height } = await postQuickChartPng({
          endpoint,
          body: builder.getPostData(),
          timeoutMs,
          logger: deps.logger,
          dispatcher: deps.dispatcher,
          signal: options.signal,
        });
        deps.logger.debug('chart rendered', {
          chart: spec.key,
          renderer: 'quickchart',
          urlLength: url.length,
          bytes: png.length,
          durationMs: Math.round(performance.now() - started),
        });
        return { kind: 'png', png, width, height };
      } catch (error) {
        throw new ChartRenderError(spec.key, 'QuickChart rendering failed', { cause: error });
      }
    },
  };
}
