import type { CodexMetrics } from '../metrics/create-metrics.js';

/**
 * Wraps the client's metrics to also count its HTTP attempts, so a sync run can record how many
 * requests it cost (issue 11: every run records its requests). Forwards everything to `inner`.
 */
export function countRequests(inner: CodexMetrics): CodexMetrics & { requests(): number } {
  let requests = 0;
  return {
    codexRequest(endpoint, status) {
      requests++;
      inner.codexRequest(endpoint, status);
    },
    codexRetry: (endpoint, reason) => inner.codexRetry(endpoint, reason),
    requests: () => requests,
  };
}
