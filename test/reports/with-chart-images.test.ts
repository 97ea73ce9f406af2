import type { ImageBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { chartImage, section } from '../../reports/blocks/block-helpers.js';
import { checkLimits, measureText, slackLimits } from '../../reports/limits/slack-limits.js';
import { withChartImages } from '../../reports/limits/with-chart-images.js';
import { buildReviewReport } from '../../reports/reviews/review-report.js';
import { buildTopUsersReport } from '../../reports/top/top-users-report.js';
import { freshness, ranking, reviews } from './figure-fixtures.js';

describe('withChartImages', () => {
  it('inserts each chart before the footer, in chart order', () => {
    const m = buildReviewReport(reviews('many'), { freshness: freshness() });
    const images = [...m.charts]
      .reverse()
      .map((c) => ({ key: c.key, block: chartImage(c, { slack_file: { id: `F-${c.key}` } }) }));
    const out = withChartImages(m, images);
    expect(out.blocks.slice(-3).map((b) => b.block_id)).toEqual([
      'chart-review-sentiment',
      'chart-review-priority',
      'report-footer',
    ]);
    expect(checkLimits(out)).toEqual([]);
    expect(out.charts).toEqual(m.charts);
    const first = out.blocks.at(-3) as ImageBlock;
    expect(first.alt_text).toContain('Positive share 82%');
  });
  it('keeps limits for the biggest report: the reserved room is enough', () => {
    const m = buildTopUsersReport(ranking('many'), { freshness: freshness(), topN: 50_000 });
    const out = withChartImages(
      m,
      m.charts.map((c) => ({
        key: c.key,
        block: chartImage(c, { image_url: 'https://charts.example/x.png' }),
      })),
    );
    expect(out.blocks.filter((b) => b.type === 'image')).toHaveLength(1);
    expect(checkLimits(out)).toEqual([]);
  });
  it('ignores unknown keys and leaves out images that would break the budget', () => {
    const m = buildReviewReport(reviews('many'), { freshness: freshness() });
    const stranger = {
      key: 'nope',
      block: { type: 'image', image_url: 'https://x.example/a.png', alt_text: 'a' } as ImageBlock,
    };
    expect(withChartImages(m, [stranger])).toEqual(m);
    const room = slackLimits.messageTextBudget - measureText(m.blocks) - 10;
    const pads = Array.from({ length: Math.ceil(room / 2500) }, (_, i) =>
      section('x'.repeat(Math.min(2500, room - i * 2500))),
    );
    const filler = { ...m, blocks: [...m.blocks.slice(0, -1), ...pads, ...m.blocks.slice(-1)] };
    const out = withChartImages(
      filler,
      m.charts.map((c) => ({ key: c.key, block: chartImage(c, { image_url: 'https://x.example/a.png' }) })),
    );
    expect(out.blocks.some((b) => b.type === 'image')).toBe(false);
    expect(checkLimits(out)).toEqual([]);
  });
});
