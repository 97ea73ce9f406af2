import { describe, expect, it } from 'vitest';
import { buildReviewReport } from '../../reports/review-report.js';
import { freshness, reviews, scales } from './figure-fixtures.js';
import { expectWithinLimits, visibleText } from './report-assertions.js';

describe('buildReviewReport', () => {
  it.each(scales)('stays within every Slack limit (%s)', (scale) => {
    expectWithinLimits(buildReviewReport(reviews(scale), { freshness: freshness() }));
  });
  it('shows PRs, comments, priority mix, replies, reactions, shares with denominators', () => {
    const text = visibleText(buildReviewReport(reviews('many'), { freshness: freshness() }));
    expect(text).toContain('*PRs reviewed*\n18,000');
    expect(text).toContain('*Comments*\n80,000');
    expect(text).toContain('P0 2,400 (3%) · P1 16,000 (20%) · P2 61,600 (77%)');
    expect(text).toContain('*Replies*\n9,000');
    expect(text).toContain('5,300 (👍 4,100 · 👎 900 · other 300)');
    expect(text).toContain('*Positive share*\n82% (4,100 of 5,000 👍/👎)');
    expect(text).toContain('*Engagement rate*\n35% (28,000 of 80,000 comments)');
  });
  it('compares the last two closed buckets only', () => {
    const text = visibleText(buildReviewReport(reviews('many'), { freshness: freshness() }));
    expect(text).toContain('*Trend* Mon 26 Oct → Mon 2 Nov: PRs reviewed ▲ 11% (4,500 → 5,000)');
    expect(text).toContain('positive share ▲ 1 pt (79% → 80%)');
  });
  it('has two charts when there is data, none without', () => {
    expect(buildReviewReport(reviews('many'), { freshness: freshness() }).charts.map((c) => c.key)).toEqual([
      'review-sentiment',
      'review-priority',
    ]);
    const zero = buildReviewReport(reviews('zero'), { freshness: freshness() });
    expect(zero.charts).toEqual([]);
    expect(visibleText(zero)).toContain('Codex reviewed no pull requests in this window.');
  });
});
