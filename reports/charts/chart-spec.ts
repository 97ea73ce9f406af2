import type { ChartConfiguration } from 'chart.js';

/**
 * A chart as data: a Chart.js v4 configuration that is plain JSON (no functions), so the same spec
 * feeds the local canvas renderer and QuickChart, and can be written to disk by `preview`.
 */
export interface ChartSpec {
  /** Stable id within a message, e.g. 'adoption-by-surface'; used for file names and block ids. */
  key: string;
  title: string;
  /** Carries the key numbers: Slack shows it to screen readers and when the image cannot load. ≤2000 chars. */
  altText: string;
  width: number;
  height: number;
  config: ChartConfiguration;
}
