import { createRequire } from 'node:module';
import type { Chart as ChartClass } from 'chart.js';

/** The font every chart is drawn with; shipped in the `dejavu-fonts-ttf` npm package. */
const CHART_FONT_FAMILY = 'DejaVu Sans';

const fontFiles = ['dejavu-fonts-ttf/ttf/DejaVuSans.ttf', 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'];

/** What the local renderer needs, loaded on first render rather than at start-up. */
export interface ChartRuntime {
  Chart: typeof ChartClass;
  createCanvas: typeof import('@napi-rs/canvas').createCanvas;
}

/**
 * Imports chart.js and @napi-rs/canvas (the native binary takes a while to load), registers Chart.js's
 * controllers/scales and the bundled font. Both registries are process-wide, so repeating this is
 * harmless. Throws when a font cannot be registered: without one, the canvas draws no text at all and
 * reports no error (docs/charts-and-stack.md), which would ship unlabeled charts.
 */
export async function loadChartRuntime(): Promise<ChartRuntime> {
  const [{ Chart, registerables }, { createCanvas, GlobalFonts }] = await Promise.all([
    import('chart.js'),
    import('@napi-rs/canvas'),
  ]);
  Chart.register(...registerables);
  if (!GlobalFonts.has(CHART_FONT_FAMILY)) {
    const require = createRequire(import.meta.url);
    for (const file of fontFiles) {
      if (!GlobalFonts.registerFromPath(require.resolve(file), CHART_FONT_FAMILY)) {
        throw new Error(`could not register font ${file}`);
      }
    }
  }
  Chart.defaults.font.family = CHART_FONT_FAMILY;
  return { Chart, createCanvas };
}
