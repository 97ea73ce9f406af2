import { describe, expect, it } from 'vitest';
import { buildReviewReport } from '../../reports/reviews/review-report.js';
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
    expect(text).toContain('P0 2,400 (3%) · P1 16,000 (20%) · P2 61,600 (77%) of 80,000 with a priority');
    expect(text).toContain('*Replies*\n9,000');
    expect(text).toContain('5,300 (👍 4,100 · 👎 900 · other 300)');
    expect(text).toContain('*Positive share*\n82% (4,100 of 5,000 👍/👎)');
    expect(text).toContain('*Engagement rate*\n35% (28,000 of 80,000 comments on merged PRs)');
  });
  it('shows each rate over its own endpoint: engagement over /code_review_responses comments (issue 9)', () => {
    // /code_reviews counted 78 comments; /code_review_responses (PRs merged in the window) 55, 20 engaged.
    const figures = { ...reviews('one'), comments: 78, respondedComments: 55, engagedComments: 20 };
    figures.engagementRate = 20 / 55;
    const text = visibleText(buildReviewReport(figures, { freshness: freshness() }));
    expect(text).toContain('*Comments*\n78');
    expect(text).toContain('*Engagement rate*\n36% (20 of 55 comments on merged PRs)');
    expect(text).not.toContain('of 78 comments');
  });
  it('says the priority shares are over p0+p1+p2 when that is not the comment count', () => {
    const figures = { ...reviews('one'), comments: 120, priority: { p0: 10, p1: 30, p2: 60 } };
    expect(visibleText(buildReviewReport(figures, { freshness: freshness() }))).toContain(
      'P0 10 (10%) · P1 30 (30%) · P2 60 (60%) of 100 with a priority',
    );
  });
  it('invents no "other" reactions when the API gave no reaction_details', () => {
    const figures = { ...reviews('one'), reactions: 12, upvotes: 0, downvotes: 0 };
    const none = visibleText(
      buildReviewReport(
        { ...figures, otherReactions: null, detailedReactions: 0 },
        { freshness: freshness() },
      ),
    );
    expect(none).toContain('*Reactions*\n12 (kinds not reported)');
    expect(none).not.toContain('other 12');
    const partial = visibleText(
      buildReviewReport(
        { ...figures, upvotes: 3, downvotes: 1, otherReactions: 1, detailedReactions: 5 },
        { freshness: freshness() },
      ),
    );
    expect(partial).toContain('*Reactions*\n12 (of 5 with kinds: 👍 3 · 👎 1 · other 1)');
  });
  it('compares the last two closed buckets only', () => {
    const text = visibleText(buildReviewReport(reviews('many'), { freshness: freshness() }));
    expect(text).toContain(
      '*Trend* week of Mon 26 Oct → week of Mon 2 Nov: PRs reviewed ▲ 11% (4,500 → 5,000)',
    );
    expect(text).toContain('positive share ▲ 1 pt (79% → 80%)');
  });
  it('has no day-over-day trend of two days long before the window ends (the rest still provisional)', () => {
    const weekly = reviews('many');
    const days = weekly.series.map((p, i) => ({
      ...p,
      start: weekly.window.start + i * 86_400,
      end: weekly.window.start + (i + 1) * 86_400,
    }));
    const early = {
      ...weekly,
      bucket: 'day' as const,
      series: days.map((p, i) => ({ ...p, provisional: i >= 2 })),
    };
    expect(visibleText(buildReviewReport(early, { freshness: freshness() }))).not.toContain('*Trend*');
    const atTheEnd = { ...early, series: days.map((p) => ({ ...p, provisional: false })) };
    expect(visibleText(buildReviewReport(atTheEnd, { freshness: freshness() }))).toContain('*Trend* ');
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
