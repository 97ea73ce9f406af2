import type { CommandRegistry, CommandReply } from '../../commands/command-types.js';
import type { Metrics } from '../metrics/create-metrics.js';
import type { ChartDeps } from '../slack-posting/chart-images.js';
import type { ShareStore } from '../store/store-types.js';
import type { AdminCheck } from './admin-check.js';
import type { InFlight } from './in-flight.js';
import type { SharedAnswers } from './shared-answers.js';
import type { UserProfiles } from './user-profiles.js';
import type { WorkLimiter } from './work-limiter.js';

/** What every listener of the Slack edge needs; built once in createSlackApp. */
export interface EdgeDeps extends ChartDeps {
  registry: CommandRegistry;
  isAdmin: AdminCheck;
  profiles: UserProfiles;
  /** Shareable answers, in the store so a click works after a restart and on any replica. */
  shares: ShareStore;
  inFlight: InFlight;
  /** Commands by name and outcome, ack and answer latency (GET /metrics). */
  metrics: Metrics;
  /** Bounds the answers computed at once behind acks (SLACK_ANSWER_CONCURRENCY). */
  answerLimiter: WorkLimiter;
  /** One computation for identical questions of pure commands. */
  sharedAnswers: SharedAnswers<CommandReply>;
  /** Slash commands and mentions: how long before the person is told what is wrong. */
  answerDeadlineMs: number;
}
