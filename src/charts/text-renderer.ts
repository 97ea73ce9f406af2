import type { ChartSpec } from '../../reports/charts/chart-spec.js';
import { ChartRenderError } from './chart-render-error.js';
import type { ChartRenderer, RenderedChart } from './chart-types.js';
import { renderTextBars } from './render-text-bars.js';

/**
 * CHART_RENDERER=none: no image at all (no canvas, no third party), the chart's figures as unicode bars.
 */
export function createTextRenderer(): ChartRenderer {
  return {
    kind: 'none',
    async render(spec: ChartSpec): Promise<RenderedChart> {
      try {
        return { kind: 'text', text: renderTextBars(spec) };
      } catch (error) {
        // Only a config that is not the plain JSON ChartSpec promises gets here (e.g. labels not an array).
        throw new ChartRenderError(spec.key, 'text rendering failed', { cause: error });
      }
    },
  };
}
