import { describe, expect, it } from 'vitest';
import { ChartRenderError } from '../../src/charts/chart-render-error.js';
import { createChartRenderer } from '../../src/charts/chart-renderer.js';
import { readPngSize } from '../../src/charts/read-png-size.js';
import { CodexPulseError } from '../../src/errors.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';

describe('createChartRenderer', () => {
  it.each(['local', 'quickchart', 'none'] as const)('CHART_RENDERER=%s picks that renderer', (renderer) => {
    const chosen = createChartRenderer(
      { renderer, quickchartUrl: 'https://quickchart.io' },
      { logger: createMemoryLogger() },
    );
    expect(chosen.kind).toBe(renderer);
  });

  it('raises errors the Slack edge recognises by code, with the cause kept', () => {
    const cause = new Error('socket hang up');
    const error = new ChartRenderError('top-users', 'QuickChart rendering failed', { cause });
    expect(error).toBeInstanceOf(CodexPulseError);
    expect(error).toMatchObject({ code: 'chart_render_failed', chartKey: 'top-users', cause });
  });
});

describe('readPngSize', () => {
  it('reads width and height from the IHDR chunk and rejects anything else', () => {
    const header = Buffer.from('89504e470d0a1a0a0000000d49484452000006400000032008060000', 'hex');
    expect(readPngSize(header)).toEqual({ width: 1600, height: 800 });
    expect(readPngSize(Buffer.from('<html>502 Bad Gateway</html>'))).toBeUndefined();
    expect(readPngSize(header.subarray(0, 20))).toBeUndefined();
  });
});
