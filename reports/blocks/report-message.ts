import type { KnownBlock } from '@slack/types';
import type { ChartSpec } from '../charts/chart-spec.js';

/**
 * What every report builder returns: Slack's `text` fallback (notifications, screen readers), the
 * Block Kit blocks, and the charts that belong to the message. Charts are specs, not images: the edge
 * that delivers the message renders them and inserts the image blocks (src/slack-posting).
 */
export interface ReportMessage {
  text: string;
  blocks: KnownBlock[];
  charts: ChartSpec[];
}

/** A parent message with its thread replies — the format of the weekly digest. */
export interface ThreadedReport {
  parent: ReportMessage;
  replies: ReportMessage[];
}
