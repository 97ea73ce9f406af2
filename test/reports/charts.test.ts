import { describe, expect, it } from 'vitest';
import { buildAdoptionChart } from '../../reports/charts/adoption-chart.js';
import type { ChartSpec } from '../../reports/charts/chart-spec.js';
import { buildCreditsChart } from '../../reports/charts/credits-chart.js';
import { buildPriorityMixChart, buildReviewSentimentChart } from '../../reports/charts/review-charts.js';
import { pointLabel } from '../../reports/charts/series-labels.js';
import { surfaceColors } from '../../reports/charts/surface-colors.js';
import { buildTopUsersChart } from '../../reports/charts/top-users-chart.js';
import { surfaces } from '../../src/domain/surfaces.js';
import { adoption, ranking, reviews, usage } from './figure-fixtures.js';

const all = (): ChartSpec[] => {
  const mix = buildPriorityMixChart(reviews('many'));
  if (!mix) throw new Error('expected a priority chart');
  return [
    buildAdoptionChart(adoption('many')),
    buildCreditsChart(usage('many')),
    buildTopUsersChart(ranking('many')),
    buildReviewSentimentChart(reviews('many')),
    mix,
  ];
};

describe('chart specs', () => {
  it('are plain JSON (no functions, no undefined, no Dates)', () => {
    for (const spec of all()) expect(JSON.parse(JSON.stringify(spec.config))).toEqual(spec.config);
  });
  it('draw on an opaque white background with explicit dark text', () => {
    for (const spec of all()) {
      const plugins = spec.config.options?.plugins;
      expect(plugins?.customCanvasBackgroundColor).toEqual({ color: '#ffffff' });
      expect(plugins?.title?.color).toBe('#1d1c1d');
      expect(spec.width).toBe(800);
      expect(spec.height).toBeGreaterThanOrEqual(400);
      expect(spec.altText.length).toBeLessThanOrEqual(2000);
    }
  });
  it('have unique keys', () => {
    const keys = all().map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('give each surface one distinct colour, the same in every chart', () => {
    expect(new Set(surfaces.map((s) => surfaceColors[s])).size).toBe(surfaces.length);
    const cliColour = (spec: ChartSpec) =>
      spec.config.data.datasets.find((d) => d.label === 'CLI')?.backgroundColor;
    expect(cliColour(buildAdoptionChart(adoption('many')))).toBe(surfaceColors.cli);
    expect(cliColour(buildCreditsChart(usage('many')))).toBe(surfaceColors.cli);
  });
  it('carry the key numbers in alt text', () => {
    const [a, c, t, s, p] = all();
    expect(a?.altText).toContain('50,000 distinct active users');
    expect(a?.altText).toContain('CLI 30,000');
    expect(c?.altText).toContain('1.2M credits');
    expect(t?.altText).toContain('1. jdoe-1');
    expect(t?.altText).toContain('of 50,000 active users');
    expect(s?.altText).toContain('Positive share 82% (4,100 up, 900 down)');
    expect(p?.altText).toContain('P0 2,400 (3%)');
  });
  it('mark provisional buckets and leave unknown shares as gaps', () => {
    const spec = buildAdoptionChart(adoption('many'));
    expect(spec.config.data.labels?.at(-1)).toBe('Mon 9 Nov*');
    const sentiment = buildReviewSentimentChart(reviews('zero'));
    expect(sentiment.config.data.datasets[0]?.data).toEqual([null, null, null, null]);
  });
  it('label a bucket the window clips by what it holds, not as a whole week, month or quarter', () => {
    const at = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
    const point = (start: string, end: string, provisional = false) => ({
      start: at(start),
      end: at(end),
      provisional,
    });
    // A monthly digest for November charted by week: a one-day stub at each end.
    expect(pointLabel(point('2026-11-01', '2026-11-02'), 'week')).toBe('Sun 1 Nov (1 day)');
    expect(pointLabel(point('2026-11-30', '2026-12-01'), 'week')).toBe('Mon 30 Nov (1 day)');
    expect(pointLabel(point('2026-11-02', '2026-11-09'), 'week')).toBe('Mon 2 Nov');
    expect(pointLabel(point('2026-11-07', '2026-11-09', true), 'week')).toBe('Sat 7 Nov (2 days)*');
    expect(pointLabel(point('2026-10-01', '2026-12-01'), 'quarter')).toBe('1 Oct–30 Nov 2026');
    expect(pointLabel(point('2026-11-01', '2026-12-01', true), 'month')).toBe('Nov 2026*');
    expect(pointLabel(point('2026-11-30', '2026-12-01'), 'day')).toBe('Mon 30 Nov');
  });
  it('skip the priority chart when the API gave no breakdown', () => {
    expect(buildPriorityMixChart(reviews('zero'))).toBeNull();
  });
});
