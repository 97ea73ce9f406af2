/**
 * The Prometheus metrics the composition root counts on, each on a Registry of its own rather than
 * prom-client's global one, so no two compositions or commands in one process share series.
 */
import { Registry } from 'prom-client';
import { createMetrics, type Metrics } from '../metrics/create-metrics.js';

/** One Registry per composition: two apps in one process (tests, the playground) never share series. */
export function compositionMetrics(): Metrics {
  return createMetrics(new Registry(), { processMetrics: true });
}

/** Metrics on a Registry of their own, for one-shot commands (`codex-pulse sync`) nobody scrapes. */
export function standaloneMetrics(): Metrics {
  return createMetrics(new Registry(), { processMetrics: false });
}
