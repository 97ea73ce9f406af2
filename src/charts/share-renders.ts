import type { ChartSpec } from '../../reports/charts/chart-spec.js';
import type { RenderedChart, RenderOptions } from './chart-types.js';

type Render = (spec: ChartSpec, options?: RenderOptions) => Promise<RenderedChart>;
const MAX_SHARED_RENDERS = 32;

/**
 * Identical charts render once: fifty people asking for the same window at once would otherwise queue
 * fifty identical canvas renders on the one event loop (bench/slack-commands.ts, 50 concurrent). Keyed by
 * the spec itself, so different data never shares; a failed render is forgotten at once; bounded LRU.
 */
export function shareRenders(render: Render): Render {
  const recent = new Map<string, Promise<RenderedChart>>();
  return (spec, options) => {
    const key = `${options?.preferPng ? 'png' : 'any'}:${JSON.stringify(spec)}`;
    const hit = recent.get(key);
    if (hit) {
      recent.delete(key);
      recent.set(key, hit);
      return hit;
    }
    const rendered = render(spec, options);
    recent.set(key, rendered);
    rendered.catch(() => recent.delete(key));
    if (recent.size > MAX_SHARED_RENDERS) recent.delete(recent.keys().next().value ?? '');
    return rendered;
  };
}
