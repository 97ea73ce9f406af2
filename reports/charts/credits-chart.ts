import type { ChartConfiguration } from 'chart.js';
import { surfaceLabels, surfaces } from '../../src/domain/surfaces.js';
import type { UsageBreakdown } from '../../src/figures/figure-types.js';
import { formatCredits, formatWindow } from '../blocks/format.js';
import type { ChartSpec } from './chart-spec.js';
import { chartTheme, staticOptions, themedAxis, themedPlugins } from './chart-theme.js';
import { altText, bucketWord, pointLabel, provisionalAltNote, provisionalSubtitle } from './series-labels.js';
import { surfaceColors } from './surface-colors.js';

/**
 * Credits per bucket stacked by surface. Unlike users, credits add up across surfaces, so the stack height
 * is the total (up to attribution the API could not make, which lands in no surface).
 */
export function buildCreditsChart(usage: UsageBreakdown): ChartSpec {
  const used = surfaces.filter((s) => usage.series.some((p) => p.bySurface[s].credits > 0));
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: usage.series.map((p) => pointLabel(p, usage.bucket)),
      datasets: used.map((s) => ({
        label: surfaceLabels[s],
        data: usage.series.map((p) => round1(p.bySurface[s].credits)),
        backgroundColor: surfaceColors[s],
      })),
    },
    options: {
      ...staticOptions,
      plugins: themedPlugins(
        `Credits by surface (${bucketWord(usage.bucket)})`,
        provisionalSubtitle(usage.series),
      ),
      scales: { x: themedAxis(null, true), y: themedAxis('Credits', true) },
    },
  };
  return {
    key: 'credits-by-surface',
    title: 'Credits by surface',
    width: chartTheme.width,
    height: chartTheme.height,
    config,
    altText: altText([
      `Chart of credits by surface, ${bucketWord(usage.bucket)}, ${formatWindow(usage.window)}.`,
      provisionalAltNote(usage.series),
      `${formatCredits(usage.totals.credits)} credits in the window;`,
      `${used.map((s) => `${surfaceLabels[s]} ${formatCredits(usage.bySurface[s].credits)}`).join(', ')}.`,
      `Per period: ${usage.series.map((p) => `${pointLabel(p, usage.bucket)} ${formatCredits(p.totals.credits)}`).join(', ')}.`,
    ]),
  };
}

/** Chart data keeps one decimal: the JSON stays small and QuickChart URLs short. */
function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
