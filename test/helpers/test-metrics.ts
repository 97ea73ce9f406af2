import { Registry } from 'prom-client';
import { createMetrics, type Metrics } from '../../src/metrics/create-metrics.js';

/** Real metrics on a fresh registry (no process metrics): what a test passes where the app passes its own. */
export function testMetrics(): Metrics {
  return createMetrics(new Registry(), { processMetrics: false });
}
