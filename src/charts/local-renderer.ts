import type { ChartConfiguration, Plugin } from 'chart.js';
import type { ChartSpec } from '../../reports/charts/chart-spec.js';
import type { Logger } from '../logger.js';
import { ChartRenderError } from './chart-render-error.js';
import type { ChartRenderer, RenderedChart, RenderOptions } from './chart-types.js';
import { type ChartRuntime, loadChartRuntime } from './load-chart-runtime.js';

/** Retina-sharp in Slack, which scales images down to the message width. */
export const DEVICE_PIXEL_RATIO = 2;

/**
 * Paints the canvas white before anything else: a transparent PNG shows dark-mode Slack's background
 * through it and the dark axis text becomes unreadable. A plugin object, so configs stay plain JSON.
 */
const whiteBackground: Plugin = {
  id: 'codexPulseWhiteBackground',
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

/**
 * CHART_RENDERER=local (the default): Chart.js v4 on @napi-rs/canvas, in process. No data leaves the
 * host and nothing needs to be publicly reachable; Slack gets the PNG as an uploaded file.
 */
export function createLocalRenderer(deps: { logger: Logger }): ChartRenderer {
  let runtime: Promise<ChartRuntime> | undefined;
  const load = (): Promise<ChartRuntime> => {
    runtime ??= loadChartRuntime().catch((error: unknown) => {
      runtime = undefined; // let the next render try again rather than caching the failure
      throw error;
    });
    return runtime;
  };

  return {
    kind: 'local',
    async render(spec: ChartSpec, options: RenderOptions = {}): Promise<RenderedChart> {
      const started = performance.now();
      try {
        options.signal?.throwIfAborted();
        const { Chart, createCanvas } = await load();
        options.signal?.throwIfAborted();
        const canvas = createCanvas(spec.width, spec.height);
        // Chart.js mutates its config (wraps the data arrays), so it gets its own copy of the spec's.
        const config = structuredClone(spec.config) as ChartConfiguration;
        config.options = {
          ...config.options,
          animation: false,
          responsive: false,
          devicePixelRatio: DEVICE_PIXEL_RATIO,
        };
        config.plugins = [...(config.plugins ?? []), whiteBackground];
        // The 2D context of @napi-rs/canvas is not the DOM type Chart.js declares but behaves like one.
        const item = canvas.getContext('2d') as unknown as ConstructorParameters<typeof Chart>[0];
        const chart = new Chart(item, config);
        try {
          const png = await canvas.encode('png');
          deps.logger.debug('chart rendered', {
            chart: spec.key,
            renderer: 'local',
            bytes: png.length,
            durationMs: Math.round(performance.now() - started),
          });
          return { kind: 'png', png, width: canvas.width, height: canvas.height };
        } finally {
          chart.destroy(); // clears the canvas: only after encoding
        }
      } catch (error) {
        throw new ChartRenderError(spec.key, 'local rendering failed', { cause: error });
      }
    },
  };
}
