/** Request counters, for tests that assert how a client behaved (retries, pages fetched). */

export interface StatsSnapshot {
  requests: number;
  byStatus: Record<number, number>;
  /** Keyed by endpoint name (`usage`, `code_reviews`, `code_review_responses`) or `other`. */
  byEndpoint: Record<string, number>;
}

export interface SimulatorStats {
  record(endpoint: string, status: number): void;
  snapshot(): StatsSnapshot;
}

/** Empty counters. */
export function createSimulatorStats(): SimulatorStats {
  let requests = 0;
  const byStatus: Record<number, number> = {};
  const byEndpoint: Record<string, number> = {};
  return {
    record(endpoint, status) {
      requests++;
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      byEndpoint[endpoint] = (byEndpoint[endpoint] ?? 0) + 1;
    },
    snapshot: () => ({ requests, byStatus: { ...byStatus }, byEndpoint: { ...byEndpoint } }),
  };
}
