import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../reports/charts/chart-spec.js';
import { createChartRenderer } from '../../src/charts/chart-renderer.js';
import { MAX_TEXT_CHART_CHARS, renderTextBars } from '../../src/charts/render-text-bars.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { stackedWeeklySpec, surfaceShareSpec, tokensLineSpec, topUsersSpec } from './sample-specs.js';

describe('text renderer (CHART_RENDERER=none)', () => {
  it('draws one bar per user, the longest for the largest value', async () => {
    const renderer = createChartRenderer(
      { renderer: 'none', quickchartUrl: 'https://quickchart.io' },
      { logger: createMemoryLogger() },
    );
    const result = await renderer.render(topUsersSpec);
    expect(renderer.kind).toBe('none');
    if (result.kind !== 'text') throw new Error(`expected text, got ${result.kind}`);
    const lines = result.text.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Top users by tasks (last 7 days)',
      'ana.souza    ████████████████████████ 412',
      'bo.chen      ██████████████████████   377',
      'carla.diaz   █████████████████▌       301',
    ]);
    expect(lines.at(-1)).toBe('jon.berg     █████▋                    97');
  });

  it('sums a stacked chart per label, then shows the last label by series', () => {
    const spec = stackedWeeklySpec(12);
    const text = renderTextBars(spec);
    const datasets = spec.config.data.datasets;
    const total = datasets.reduce((sum, d) => sum + Number(d.data[0]), 0);
    expect(text).toContain('Total:');
    expect(text).toMatch(new RegExp(`^2026-01-05 +█+[▏▎▍▌▋▊▉]? +${total.toLocaleString('en-US')}$`, 'm'));
    expect(text).toContain('2026-03-23 by series:');
    expect(text).toMatch(/^Code Review +█+[▏▎▍▌▋▊▉]? +[\d,]+$/m);
  });

  it('shows each slice of a doughnut and one section per series of a line chart', () => {
    expect(renderTextBars(surfaceShareSpec)).toMatch(/^CLI +█{24} 4,120$/m);
    const line = renderTextBars(tokensLineSpec);
    expect(line).toContain('\nInput:\n');
    expect(line).toContain('\nOutput:\n');
  });

  it('stays within the bound, says how much was left out, and cannot break out of a code block', () => {
    const labels = Array.from({ length: 200 }, (_, i) => `day \`${i}\``);
    const spec: ChartSpec = {
      ...tokensLineSpec,
      config: {
        type: 'line',
        data: {
          labels,
          datasets: [1, 2, 3].map((k) => ({ label: `S${k}`, data: labels.map((_, i) => i * k) })),
        },
      },
    };
    const text = renderTextBars(spec);
    expect(text.length).toBeLessThanOrEqual(MAX_TEXT_CHART_CHARS);
    expect(text).toMatch(/\n… \d+ more lines$/);
    expect(text).not.toContain('`');
  });

  it('says so when there is nothing to draw', () => {
    const empty: ChartSpec = { ...topUsersSpec, config: { type: 'bar', data: { labels: [], datasets: [] } } };
    expect(renderTextBars(empty)).toBe('Top users by tasks (last 7 days)\n(no data)');
  });
});
