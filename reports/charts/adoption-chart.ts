import type { ChartConfiguration } from 'chart.js';
import { surfaceLabels, surfaces } from '../../src/domain/surfaces.js';
import type { AdoptionFigures } from '../../src/figures/figure-types.js';
import { formatInteger, formatWindow } from '../blocks/format.js';
import type { ChartSpec } from './chart-spec.js';
import { chartTheme, staticOptions, themedAxis, themedPlugins } from './chart-theme.js';
import { altText, bucketWord, pointLabel, provisionalAltNote, provisionalSubtitle } from './series-labels.js';
import { surfaceColors } from './surface-colors.js';

/**
 * Active users per bucket, stacked by surface, with the distinct total as a line: a user active on two
 * surfaces counts once per surface in the stack, so the line — not the stack height — is the headcount.
 * Surfaces with no users in the whole window are left out of the legend.
 */
export function buildAdoptionChart(adoption: AdoptionFigures): ChartSpec {
  const used = surfaces.filter((s) => adoption.series.some((p) => p.bySurface[s] > 0));
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: adoption.series.map((p) => pointLabel(p, adoption.bucket)),
      datasets: [
        {
          type: 'line',
          label: 'All surfaces (distinct users)',
          data: adoption.series.map((p) => p.activeUsers),
          borderColor: chartTheme.total,
          backgroundColor: chartTheme.total,
          borderWidth: 2,
          stack: 'total',
          order: 0,
        },
        ...used.map((s) => ({
          type: 'bar' as const,
          label: surfaceLabels[s],
          data: adoption.series.map((p) => p.bySurface[s]),
          backgroundColor: surfaceColors[s],
          stack: 'surfaces',
          order: 1,
        })),
      ],
    },
    options: {
      ...staticOptions,
      plugins: themedPlugins(
        `Active users by surface (${bucketWord(adoption.bucket)})`,
        provisionalSubtitle(adoption.series),
      ),
      scales: { x: themedAxis(null, true), y: themedAxis('Active users', true) },
    },
  };
  const latest = adoption.series.at(-1);
  const latestParts = latest
    ? [
        `Latest ${adoption.bucket} (${pointLabel(latest, adoption.bucket)}): ${formatInteger(latest.activeUsers)} distinct`,
        ...used.map((s) => `${surfaceLabels[s]} ${formatInteger(latest.bySurface[s])}`),
      ].join(', ')
    : '';
  return {
    key: 'adoption-by-surface',
    title: 'Active users by surface',
    width: chartTheme.width,
    height: chartTheme.height,
    config,
    altText: altText([
      `Chart of active users by surface, ${bucketWord(adoption.bucket)}, ${formatWindow(adoption.window)}.`,
      provisionalAltNote(adoption.series),
      `${formatInteger(adoption.activeUsers)} distinct active users in the window;`,
      `${used.map((s) => `${surfaceLabels[s]} ${formatInteger(adoption.bySurface[s])}`).join(', ')}.`,
      latestParts ? `${latestParts}.` : '',
      `All surfaces per period: ${adoption.series.map((p) => `${pointLabel(p, adoption.bucket)} ${formatInteger(p.activeUsers)}`).join(', ')}.`,
    ]),
  };
}
