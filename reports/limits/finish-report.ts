import type { KnownBlock } from '@slack/types';
import type { TimeWindow } from '../../src/domain/utc-days.js';
import type { Freshness } from '../../src/figures/figure-types.js';
import { reportFooter } from '../blocks/report-footer.js';
import type { ReportMessage } from '../blocks/report-message.js';
import type { ChartSpec } from '../charts/chart-spec.js';
import { fitMessage } from './fit-message.js';
import { slackLimits } from './slack-limit-values.js';

/** The parts of a report before its footer and fitting. */
export interface ReportParts {
  text: string;
  blocks: KnownBlock[];
  charts: ChartSpec[];
  /** The window the footer names (UTC). */
  window: TimeWindow;
  freshness: Freshness;
}

/**
 * Adds the footer and fits the report to Slack's limits — the report's own guarantee, whoever reads it
 * (tests, the CLI preview) — leaving room for its charts (one block and its alt text and title each).
 * Delivery fits the payload it composes once more, with what only it knows (the images Slack accepted,
 * a share button, a "Shared by" line): src/slack-posting/compose-message.ts. With the charts' room kept
 * here, that second fit leaves a report as it is unless something else was added.
 */
export function finishReport(parts: ReportParts): ReportMessage {
  const imageText = parts.charts.reduce(
    (sum, c) => sum + Math.min(c.altText.length, slackLimits.imageAltText) + c.title.length,
    0,
  );
  return fitMessage(
    {
      text: parts.text,
      blocks: [...parts.blocks, reportFooter(parts.window, parts.freshness)],
      charts: parts.charts,
    },
    { textBudget: slackLimits.messageTextBudget - imageText, reservedBlocks: parts.charts.length },
  );
}
