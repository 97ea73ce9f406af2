import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../reports/charts/chart-spec.js';
import { createChartRenderer } from '../../src/charts/chart-renderer.js';
import type { ChartRenderer, RenderedChart } from '../../src/charts/chart-types.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { darkPixels, decodePng, distinctColours, nonWhitePixels, pixelAt } from './png-pixels.js';
import { sampleSpecs, stackedWeeklySpec } from './sample-specs.js';

let renderer: ChartRenderer;
beforeAll(() => {
  renderer = createChartRenderer(
    { renderer: 'local', quickchartUrl: 'https://quickchart.io' },
    { logger: createMemoryLogger() },
  );
});

function png(result: RenderedChart): Buffer {
  if (result.kind !== 'png') throw new Error(`expected a png, got ${result.kind}`);
  return result.png;
}

/** The stacked sample with its title drawn in a colour of our choosing; layout stays identical. */
function withTitleColour(color: string): ChartSpec {
  const spec = stackedWeeklySpec(12);
  const config = structuredClone(spec.config);
  config.options = {
    ...config.options,
    plugins: {
      ...config.options?.plugins,
      title: {
        display: true,
        text: 'Weekly active users by surface',
        font: { size: 16, weight: 'bold' },
        color,
      },
    },
  };
  return { ...spec, config };
}

describe('local renderer', () => {
  it.each(sampleSpecs.map((spec) => [spec.key, spec] as const))(
    '%s: a PNG at 2× size, white, colourful',
    async (_, spec) => {
      const result = await renderer.render(spec);
      expect(result).toMatchObject({ kind: 'png', width: spec.width * 2, height: spec.height * 2 });
      const pixels = await decodePng(png(result));
      expect([pixels.width, pixels.height]).toEqual([spec.width * 2, spec.height * 2]);
      expect(pixelAt(pixels, 0, 0)).toEqual([255, 255, 255, 255]); // opaque white, not transparent
      // The middle of the picture, where the bars, slices or lines are.
      const plot = {
        x: pixels.width / 4,
        y: pixels.height / 4,
        width: pixels.width / 2,
        height: pixels.height / 2,
      };
      expect(distinctColours(pixels, plot)).toBeGreaterThan(10);
      expect(nonWhitePixels(pixels, plot) / (plot.width * plot.height)).toBeGreaterThan(0.05);
    },
  );

  it('draws text with the bundled font: the title strip holds glyphs only when the title is visible', async () => {
    const shown = await decodePng(png(await renderer.render(withTitleColour('#111111'))));
    const hidden = await decodePng(png(await renderer.render(withTitleColour('rgba(0,0,0,0)'))));
    // Title is 16 px bold at the top, centred: a 2× strip across the middle half of the width.
    const strip = { x: shown.width / 4, y: 0, width: shown.width / 2, height: 60 };
    expect(darkPixels(shown, strip)).toBeGreaterThan(1500);
    expect(darkPixels(hidden, strip)).toBe(0);
    // Axis tick labels are text too: the strip under the plot has glyphs.
    const ticks = {
      x: 0,
      y: Math.round(shown.height * 0.8),
      width: shown.width,
      height: Math.round(shown.height * 0.1),
    };
    expect(darkPixels(shown, ticks)).toBeGreaterThan(1000);
  });

  it('keeps one sample PNG for humans under test-artifacts/', async () => {
    const spec = stackedWeeklySpec(12);
    mkdirSync('test-artifacts/charts', { recursive: true });
    writeFileSync(`test-artifacts/charts/${spec.key}.png`, png(await renderer.render(spec)));
  });

  it('does not mutate the spec (Chart.js wraps the arrays of its config)', async () => {
    const spec = stackedWeeklySpec(12);
    const before = JSON.stringify(spec);
    await renderer.render(spec);
    expect(JSON.stringify(spec)).toBe(before);
    expect(Object.hasOwn(spec.config.data.datasets[0]?.data ?? {}, '_chartjs')).toBe(false);
  });

  it('fails with chart_render_failed when aborted or given an unknown chart type', async () => {
    const aborted = renderer.render(stackedWeeklySpec(12), { signal: AbortSignal.abort() });
    await expect(aborted).rejects.toMatchObject({
      code: 'chart_render_failed',
      chartKey: 'active-users-by-surface-12w',
    });
    const bogus = {
      ...stackedWeeklySpec(12),
      config: { type: 'nope', data: { datasets: [{ data: [1] }] } },
    } as unknown as ChartSpec;
    await expect(renderer.render(bogus)).rejects.toMatchObject({
      code: 'chart_render_failed',
      cause: expect.any(Error),
    });
  });
});
