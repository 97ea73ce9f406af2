import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { chartImage, section } from '../../reports/blocks/block-helpers.js';
import type { ReportMessage } from '../../reports/blocks/report-message.js';
import { checkLimits } from '../../reports/limits/slack-limits.js';
import { withChartImages } from '../../reports/limits/with-chart-images.js';
import { buildReviewReport } from '../../reports/reviews/review-report.js';
import type { ChartOutcome } from '../../src/slack-posting/chart-images.js';
import { composeMessage } from '../../src/slack-posting/compose-message.js';
import { freshness, reviews } from '../reports/figure-fixtures.js';

/** Each chart of `message` as an uploaded image, with its alt-text fallback. */
function imaged(message: ReportMessage): ChartOutcome[] {
  return message.charts.map((spec) => ({
    key: spec.key,
    image: chartImage(spec, { slack_file: { id: `F-${spec.key}` } }),
    fallback: [{ type: 'context', elements: [{ type: 'mrkdwn', text: spec.altText }] }],
  }));
}

describe('composeMessage', () => {
  it('sends a report fitted when it was built as it is, its images just above the footer', () => {
    const report = buildReviewReport(reviews('many'), { freshness: freshness() });
    const charts = imaged(report);
    const payload = composeMessage(report, charts, { withImages: true });
    const images = charts.flatMap((c) => (c.image ? [{ key: c.key, block: c.image }] : []));
    expect(images).toHaveLength(report.charts.length);
    const expected = withChartImages(report, images);
    expect(payload).toEqual({ text: report.text, blocks: expected.blocks });
    expect(payload.blocks.at(-1)?.block_id).toBe('report-footer');
  });

  it('fits a message that was never fitted as a whole, keeping room for every image and the button', () => {
    const report = buildReviewReport(reviews('many'), { freshness: freshness() });
    // A folded thread: far over 50 blocks and 11k characters before composition.
    const filler: KnownBlock[] = Array.from({ length: 80 }, (_, i) => section(`${i} ${'x'.repeat(900)}`));
    const folded: ReportMessage = { ...report, blocks: [...filler, ...report.blocks] };
    const payload = composeMessage(folded, imaged(folded), {
      withImages: true,
      share: { id: 'share-1', namedPeople: 3 },
    });
    expect(checkLimits({ ...payload, charts: [] })).toEqual([]);
    expect(payload.blocks.filter((b) => b.type === 'image')).toHaveLength(report.charts.length);
    expect(payload.blocks.at(-1)?.type).toBe('actions');
    expect(payload.blocks.at(-2)?.block_id).toBe('report-footer');
  });

  it('without images, puts every chart fallback where its image would go', () => {
    const report = buildReviewReport(reviews('many'), { freshness: freshness() });
    const payload = composeMessage(report, imaged(report), { withImages: false });
    expect(payload.blocks.some((b) => b.type === 'image')).toBe(false);
    const json = JSON.stringify(payload.blocks.slice(-1 - report.charts.length, -1));
    for (const spec of report.charts) expect(json).toContain(spec.altText.slice(0, 40));
  });
});
