import type { ImageBlock, KnownBlock } from '@slack/types';
import type { ChartSpec } from '../../reports/charts/chart-spec.js';
import type { RenderedChart } from '../charts/chart-types.js';
import type { Clock } from '../clock.js';
import { errorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import { type SharePollPolicy, waitForFileShares } from './file-shares.js';
import { isPublicImageUrl } from './public-url.js';
import type { SlackClient } from './slack-client.js';
import { slackErrorCode } from './slack-error-code.js';

/** Where PNG charts are uploaded; `where` tells people where to find the file if no image shows. */
export interface ChartTarget {
  channelId: string;
  threadTs?: string;
  where: string;
  /**
   * Files already in that thread, by filename → file id: reused instead of uploaded again (a resumed
   * digest whose crashed attempt uploaded a chart but never posted its reply).
   */
  uploaded?: ReadonlyMap<string, string>;
}

/** One chart, ready to insert: the image block when there is one, and the text that replaces it. */
export interface ChartOutcome {
  key: string;
  image?: ImageBlock;
  /** Shown instead of the image: when there is none, or when Slack rejects the message with it. */
  fallback: KnownBlock[];
}

export interface ChartDeps {
  renderChart: (spec: ChartSpec) => Promise<RenderedChart>;
  clock: Clock;
  logger: Logger;
  sharePoll: SharePollPolicy;
}

/**
 * Renders each chart and turns it into something Slack can show. Never throws: a chart that cannot be
 * rendered, uploaded or processed becomes its alt text (which carries the key numbers), so a chart
 * failure never costs the report its text. `target` is asked lazily — only PNG charts need one.
 */
export async function prepareCharts(
  client: SlackClient,
  charts: readonly ChartSpec[],
  target: () => Promise<ChartTarget | null>,
  deps: ChartDeps,
): Promise<ChartOutcome[]> {
  const outcomes: ChartOutcome[] = [];
  for (const spec of charts) outcomes.push(await prepareChart(client, spec, target, deps));
  return outcomes;
}

async function prepareChart(
  client: SlackClient,
  spec: ChartSpec,
  target: () => Promise<ChartTarget | null>,
  deps: ChartDeps,
): Promise<ChartOutcome> {
  const alt = (note?: string): ChartOutcome => ({ key: spec.key, fallback: [altTextBlock(spec, note)] });
  const title = { type: 'plain_text' as const, text: spec.title.slice(0, 2_000) };
  const altText = spec.altText.slice(0, 2_000);
  try {
    const rendered = await deps.renderChart(spec);
    if (rendered.kind === 'text') {
      const body = rendered.text.length > 2_900 ? `${rendered.text.slice(0, 2_899)}…` : rendered.text;
      return {
        key: spec.key,
        fallback: [{ type: 'section', text: { type: 'mrkdwn', text: `\`\`\`${body}\`\`\`` } }],
      };
    }
    if (rendered.kind === 'url') {
      if (!isPublicImageUrl(rendered.url)) return alt();
      return { ...alt(), image: { type: 'image', image_url: rendered.url, alt_text: altText, title } };
    }
    const where = await target();
    if (!where) return alt();
    const destination = where.threadTs
      ? { channel_id: where.channelId, thread_ts: where.threadTs }
      : { channel_id: where.channelId };
    const filename = `${spec.key}.png`;
    const fileId =
      where.uploaded?.get(filename) ??
      (
        await client.filesUploadV2({
          ...destination,
          file: rendered.png,
          filename,
          title: spec.title,
          alt_text: altText.slice(0, 1_000),
        })
      ).files[0]?.files?.[0]?.id;
    if (!fileId) return alt();
    if (!(await waitForFileShares(client, fileId, deps.clock, deps.sharePoll))) {
      deps.logger.warn('chart upload still processing; left as a file', { chart: spec.key, fileId });
      return alt(`chart posted as a file ${where.where}`);
    }
    return { ...alt(), image: { type: 'image', slack_file: { id: fileId }, alt_text: altText, title } };
  } catch (error) {
    deps.logger.warn('chart failed; showing its alt text', {
      chart: spec.key,
      code: slackErrorCode(error) ?? errorCode(error),
    });
    return alt();
  }
}

/** A chart shown as its alt text only: the placeholder before rendering, and the last resort. */
export function altTextOutcome(spec: ChartSpec): ChartOutcome {
  return { key: spec.key, fallback: [altTextBlock(spec)] };
}

function altTextBlock(spec: ChartSpec, note?: string): KnownBlock {
  const text = `:bar_chart: *${spec.title}* — ${spec.altText}`.slice(0, 2_800);
  return { type: 'context', elements: [{ type: 'mrkdwn', text: note ? `${text} _(${note})_` : text }] };
}
