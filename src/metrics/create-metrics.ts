import { Counter, collectDefaultMetrics, Gauge, Histogram, type Registry } from 'prom-client';

/** Where a Codex API attempt ended: the HTTP status, or why there was none. */
export type CodexAttemptStatus = number | 'timeout' | 'network';

/** Why a Codex API request is tried again. */
export type CodexRetryReason = 'rate_limited' | 'server_error' | 'timeout' | 'network';

/** What the Codex client records; the narrow slice of Metrics it needs. */
export interface CodexMetrics {
  /** One attempt that ended (a retry is another attempt). `endpoint` is the route name, never the URL. */
  codexRequest(endpoint: string, status: CodexAttemptStatus): void;
  codexRetry(endpoint: string, reason: CodexRetryReason): void;
}

/** What a warehouse sync records (issue 11: sync failures reach the operator, not the user). */
export interface SyncMetrics {
  /**
   * A recorded sync run ended. `outcome` is 'ok' or its code, like commands: an error code of
   * src/errors.ts (codex_unreachable…) or `sync_aborted` / `sync_locked`.
   */
  syncFinished(run: { kind: string; outcome: string; seconds: number; rows: number; requests: number }): void;
  /** When the newest successful sync of the warehouse (by any replica) finished. */
  syncLastSuccess(at: Date): void;
}

/**
 * The operator's view of a running bot (README "Operations"). Built once per composition on its own
 * Registry, so two apps in one process (tests, the playground) never share counters. Callers pass
 * bounded labels only: command names from the registry or 'unknown', Slack error codes as Slack gives them.
 */
export interface Metrics extends CodexMetrics, SyncMetrics {
  readonly registry: Registry;
  /** A command answered (`outcome` 'ok') or failed (`outcome` = the error code the person was shown). */
  commandFinished(command: string, outcome: string, answerSeconds: number): void;
  /** The placeholder ack of a slash command went out, `seconds` after the listener began. */
  commandAcked(command: string, seconds: number): void;
  /** One scheduled or send-now digest delivery looked at: delivered, already, skipped, failed, dry-run. */
  digestDelivery(outcome: string): void;
  /** A Slack Web API call that did not succeed: `code` is Slack's error string (or ratelimited, http_5xx…). */
  slackApiError(method: string, code: string): void;
}

// Seconds: acks must stay far below Slack's 3 s; answers run from sub-second to a large pull's minute.
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3];
const ANSWER_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120];
// Seconds: an incremental sync takes seconds, a 20,000-user backfill minutes (README "Performance").
const SYNC_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600];

/** Registers Codex Pulse's metrics (and the default process metrics) on `registry`. */
export function createMetrics(registry: Registry, options: { processMetrics: boolean }): Metrics {
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'codex_pulse_' });
  const registers = [registry];
  const commands = new Counter({
    name: 'codex_pulse_commands_total',
    help: 'Commands (slash and mention) by command name and outcome (ok or the error code shown)',
    labelNames: ['command', 'outcome'] as const,
    registers,
  });
  const ack = new Histogram({
    name: 'codex_pulse_command_ack_seconds',
    help: 'Time from receiving a slash command to acknowledging it',
    labelNames: ['command'] as const,
    buckets: ACK_BUCKETS,
    registers,
  });
  const answer = new Histogram({
    name: 'codex_pulse_command_answer_seconds',
    help: 'Time to compute a command answer (or its error)',
    labelNames: ['command'] as const,
    buckets: ANSWER_BUCKETS,
    registers,
  });
  const codexRequests = new Counter({
    name: 'codex_pulse_codex_api_requests_total',
    help: 'Codex Analytics API attempts by endpoint and HTTP status (timeout/network when none came)',
    labelNames: ['endpoint', 'status'] as const,
    registers,
  });
  const codexRetries = new Counter({
    name: 'codex_pulse_codex_api_retries_total',
    help: 'Codex Analytics API retries by endpoint and reason',
    labelNames: ['endpoint', 'reason'] as const,
    registers,
  });
  const digests = new Counter({
    name: 'codex_pulse_digest_deliveries_total',
    help: 'Scheduled digest deliveries by outcome',
    labelNames: ['outcome'] as const,
    registers,
  });
  const slackErrors = new Counter({
    name: 'codex_pulse_slack_api_errors_total',
    help: 'Slack Web API calls that failed, by method and Slack error code',
    labelNames: ['method', 'code'] as const,
    registers,
  });
  const sync = syncSeries(registers);
  return {
    registry,
    ...sync,
    commandFinished(command, outcome, seconds) {
      commands.inc({ command, outcome });
      answer.observe({ command }, seconds);
    },
    commandAcked: (command, seconds) => ack.observe({ command }, seconds),
    codexRequest: (endpoint, status) => codexRequests.inc({ endpoint, status: String(status) }),
    codexRetry: (endpoint, reason) => codexRetries.inc({ endpoint, reason }),
    digestDelivery: (outcome) => digests.inc({ outcome }),
    slackApiError: (method, code) => slackErrors.inc({ method, code }),
  };
}

/** The sync series: runs by kind and outcome, rows and requests, duration, last success. */
function syncSeries(registers: Registry[]): SyncMetrics {
  const runs = new Counter({
    name: 'codex_pulse_sync_runs_total',
    help: 'Warehouse sync runs by kind (backfill, incremental) and outcome (ok or the error code)',
    labelNames: ['kind', 'outcome'] as const,
    registers,
  });
  const rows = new Counter({
    name: 'codex_pulse_sync_rows_total',
    help: 'Rows written to the warehouse by sync runs, all endpoints together',
    labelNames: ['kind'] as const,
    registers,
  });
  const requests = new Counter({
    name: 'codex_pulse_sync_requests_total',
    help: 'Codex Analytics API attempts made by sync runs (retries included)',
    labelNames: ['kind'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'codex_pulse_sync_duration_seconds',
    help: 'Duration of warehouse sync runs, whatever their outcome',
    labelNames: ['kind'] as const,
    buckets: SYNC_BUCKETS,
    registers,
  });
  const lastSuccess = new Gauge({
    name: 'codex_pulse_sync_last_success_timestamp_seconds',
    help: 'Unix time the newest successful warehouse sync finished (any replica); 0 before the first',
    registers,
  });
  return {
    syncFinished({ kind, outcome, seconds, rows: written, requests: made }) {
      runs.inc({ kind, outcome });
      rows.inc({ kind }, written);
      requests.inc({ kind }, made);
      duration.observe({ kind }, seconds);
    },
    syncLastSuccess: (at) => lastSuccess.set(at.getTime() / 1000),
  };
}
