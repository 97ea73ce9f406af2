import type { KnownBlock } from '@slack/types';
import type { ChartConfiguration } from 'chart.js';
import { z } from 'zod';
import type { ReportMessage, ThreadedReport } from '../../reports/blocks/report-message.js';
import type { ChartSpec } from '../../reports/charts/chart-spec.js';

/** What "Share to channel" re-posts publicly: the reply as the command returned it (no button). */
export type Shareable =
  | { kind: 'message'; message: ReportMessage }
  | { kind: 'thread'; report: ThreadedReport };

// Block Kit and Chart.js shapes are large; the store only has to give back what we saved, so the
// check stops at "an object with a type" for blocks and "an object" for a chart's config.
const block = z.custom<KnownBlock>(
  (value) =>
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string',
);
const chart = z.object({
  key: z.string(),
  title: z.string(),
  altText: z.string(),
  width: z.number(),
  height: z.number(),
  config: z.custom<ChartConfiguration>((value) => typeof value === 'object' && value !== null),
}) satisfies z.ZodType<ChartSpec>;
const message = z.object({ text: z.string(), blocks: z.array(block), charts: z.array(chart) });
const shareable = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), message }),
  z.object({ kind: z.literal('thread'), report: z.object({ parent: message, replies: z.array(message) }) }),
]);

/**
 * A stored share's payload back as a Shareable; null when it does not fit (written by an older or newer
 * release during a rolling deploy): the click then reads as expired rather than posting something odd.
 */
export function parseShareable(payload: unknown): Shareable | null {
  const parsed = shareable.safeParse(payload);
  return parsed.success ? parsed.data : null;
}
