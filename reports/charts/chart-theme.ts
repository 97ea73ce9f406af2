/**
 * The look shared by every chart. Slack shows images on light and dark themes alike, so charts are drawn
 * on an opaque white background with explicitly dark text: legible on both, never transparent.
 *
 * Renderer contract: the background colour travels as plain data in
 * `options.plugins.customCanvasBackgroundColor.color` (the name Chart.js's own background-plugin sample
 * uses). The local renderer fills the canvas with it; for QuickChart send it as `backgroundColor`.
 */
import type { ChartType } from 'chart.js';

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    /** Opaque canvas fill, applied by our renderers (see chart-theme.ts). */
    customCanvasBackgroundColor?: { color: string };
  }
}

/** Colours and sizes of every chart. */
export const chartTheme = {
  background: '#ffffff',
  text: '#1d1c1d',
  mutedText: '#4a4a4a',
  grid: '#e6e6e6',
  total: '#1d1c1d',
  positive: '#007a5a',
  negative: '#c0392b',
  width: 800,
  height: 400,
} as const;

/** Plain-JSON plugin options: background, title and subtitle, legend — all with explicit colours. */
export function themedPlugins(title: string, subtitle: string | null, legend = true) {
  return {
    customCanvasBackgroundColor: { color: chartTheme.background },
    title: {
      display: true,
      text: title,
      color: chartTheme.text,
      font: { size: 16, weight: 'bold' as const },
    },
    subtitle: { display: subtitle !== null, text: subtitle ?? '', color: chartTheme.mutedText },
    legend: { display: legend, position: 'bottom' as const, labels: { color: chartTheme.text } },
  };
}

/** A plain-JSON axis with dark ticks and a light grid; `stacked` for stacked bars. */
export function themedAxis(title: string | null, stacked = false) {
  return {
    stacked,
    beginAtZero: true,
    ticks: { color: chartTheme.text },
    grid: { color: chartTheme.grid },
    title: { display: title !== null, text: title ?? '', color: chartTheme.text },
  };
}

/** Options every chart shares: static (no animation, fixed size) because it is rendered off-screen. */
export const staticOptions = { responsive: false, animation: false, color: chartTheme.text } as const;
