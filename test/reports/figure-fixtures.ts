/**
 * Hand-built figures for the report tests, at three scales: one user, 50,000 users (the ranking lists
 * all of them, the worst case a caller could pass) and zero activity. Deterministic: no clock, no random.
 */
import { type Surface, surfaces } from '../../src/domain/surfaces.js';
import type { TimeWindow } from '../../src/domain/utc-days.js';
import type {
  AdoptionFigures,
  Delta,
  DigestFigures,
  Freshness,
  KpiDeltas,
  RankedUser,
  ReviewFigures,
  UsageBreakdown,
  UsageFigures,
  UserRanking,
} from '../../src/figures/figure-types.js';

export type Scale = 'one' | 'many' | 'zero';
export const scales: readonly Scale[] = ['one', 'many', 'zero'];

const day = 86_400;
/** Mon 9 Nov 2026 00:00 UTC: the digest's closed week is Mon 9 – Sun 15 Nov. */
export const weekStart = Date.UTC(2026, 10, 9) / 1000;
export const week: TimeWindow = { start: weekStart, end: weekStart + 7 * day };
export const previousWeek: TimeWindow = { start: weekStart - 7 * day, end: weekStart };
/** Four weeks ending with `week`: the trend window of adoption, usage and reviews. */
export const trendWindow: TimeWindow = { start: weekStart - 21 * day, end: week.end };

export function freshness(provisional = true): Freshness {
  return {
    asOf: '2026-11-16T09:05:00Z',
    newestCompleteDay: '2026-11-15',
    provisionalDays: provisional ? ['2026-11-14', '2026-11-15'] : [],
  };
}

export function bySurface<T>(make: (s: Surface, index: number) => T): Record<Surface, T> {
  return Object.fromEntries(surfaces.map((s, i) => [s, make(s, i)])) as Record<Surface, T>;
}

const weeks = [0, 1, 2, 3].map((i) => ({
  start: trendWindow.start + i * 7 * day,
  end: trendWindow.start + (i + 1) * 7 * day,
}));

const activeBySurface: Record<Scale, Record<Surface, number>> = {
  one: { cli: 1, ide: 0, cloud: 0, desktop: 0, code_review: 0, other: 0 },
  many: { cli: 30_000, ide: 25_000, cloud: 8_000, desktop: 5_000, code_review: 2_000, other: 100 },
  zero: bySurface(() => 0),
};
const activeTotal: Record<Scale, number> = { one: 1, many: 50_000, zero: 0 };

export function adoption(scale: Scale): AdoptionFigures {
  const total = activeTotal[scale];
  return {
    window: trendWindow,
    bucket: 'week',
    activeUsers: total,
    bySurface: activeBySurface[scale],
    series: weeks.map((w, i) => ({
      ...w,
      activeUsers: Math.round((total * (i + 7)) / 10),
      bySurface: bySurface((s) => Math.round((activeBySurface[scale][s] * (i + 7)) / 10)),
      provisional: i === 3,
    })),
  };
}

function figures(threads: number, turns: number, credits: number, tokens: number | null): UsageFigures {
  const part = (share: number) => (tokens === null ? null : Math.round(tokens * share));
  return {
    threads,
    turns,
    credits,
    tokens: { uncachedInput: part(0.15), cachedInput: part(0.8), output: part(0.05), total: tokens },
    cost: { costUsd: null, estimatedCostUsd: null, usd: null },
  };
}

const usageTotals: Record<Scale, UsageFigures> = {
  one: figures(4, 31, 182.5, 2_658_750),
  many: figures(412_345, 3_456_789, 1_234_567.8, 98_765_432_100),
  zero: figures(0, 0, 0, 0),
};

/** Surface s gets a decreasing share; 'other' never reports tokens (null = unknown). */
function surfaceFigures(scale: Scale, s: Surface, index: number, scaleBy = 1): UsageFigures {
  const t = usageTotals[scale];
  if (scale === 'one')
    return s === 'cli' ? figures(4, 31, 182.5 * scaleBy, 2_658_750) : figures(0, 0, 0, null);
  const share = [0.4, 0.3, 0.15, 0.1, 0.04, 0.01][index] ?? 0;
  const tokens = s === 'other' || t.tokens.total === null ? null : Math.round(t.tokens.total * share);
  return figures(
    Math.round(t.threads * share),
    Math.round(t.turns * share),
    t.credits * share * scaleBy,
    tokens,
  );
}

export function usage(scale: Scale): UsageBreakdown {
  const models =
    scale === 'zero'
      ? []
      : [
          { model: 'gpt-5.4', speed: 'standard', share: 0.7 },
          { model: 'gpt-5.4', speed: 'fast', share: 0.2 },
          { model: 'gpt-5.4-mini', speed: null, share: 0.06 },
          { model: 'o-<b>&ugly', speed: null, share: 0.02 },
          { model: 'other', speed: null, share: 0.01 },
          { model: 'gpt-4.1', speed: null, share: 0.01 },
        ];
  const t = usageTotals[scale];
  return {
    window: trendWindow,
    bucket: 'week',
    totals: t,
    bySurface: bySurface((s, i) => surfaceFigures(scale, s, i)),
    byModel: models.map((m) => ({
      model: m.model,
      speed: m.speed,
      figures: figures(
        0,
        0,
        t.credits * m.share,
        m.model === 'other' ? null : Math.round((t.tokens.total ?? 0) * m.share),
      ),
    })),
    series: weeks.map((w, i) => ({
      ...w,
      totals: figures(
        t.threads / 4,
        t.turns / 4,
        t.credits / 4,
        t.tokens.total === null ? null : t.tokens.total / 4,
      ),
      bySurface: bySurface((s, j) => surfaceFigures(scale, s, j, 0.25)),
      provisional: i === 3,
    })),
  };
}

export interface RankingFixtureOptions {
  /** Labels to use instead of the generated ones (e.g. hostile mrkdwn). */
  labels?: readonly string[];
}

export function rankedUser(
  i: number,
  credits: number,
  totalCredits: number,
  label = `jdoe-${i}`,
): RankedUser {
  return {
    userId: `user-${i}`,
    label,
    email: `${label}@example.com`,
    credits,
    threads: 40 - (i % 40),
    turns: 310 - (i % 300),
    tokens: i % 7 === 3 ? null : 2_600_000 - i,
    streak: i % 9,
    creditShare: totalCredits === 0 ? 0 : credits / totalCredits,
    surfaces: ['cli', 'ide'],
  };
}

export function ranking(scale: Scale, options: RankingFixtureOptions = {}): UserRanking {
  const count = options.labels?.length ?? (scale === 'many' ? 50_000 : scale === 'one' ? 1 : 0);
  const credit = (i: number) => (scale === 'one' ? 182.5 : 5000 / (i + 1));
  let totalCredits = 0;
  for (let i = 0; i < count; i++) totalCredits += credit(i);
  const users = Array.from({ length: count }, (_, i) =>
    rankedUser(
      i + 1,
      credit(i),
      totalCredits,
      options.labels?.[i] ?? (scale === 'one' ? 'solo.dev' : undefined),
    ),
  );
  return {
    window: week,
    sortBy: 'credits',
    surface: null,
    users,
    totalUsers: count,
    totalCredits,
    topShare: users.reduce((s, u) => s + u.creditShare, 0),
  };
}

export function reviews(scale: Scale): ReviewFigures {
  const k = scale === 'many' ? 100 : scale === 'one' ? 1 : 0;
  const point = (i: number, provisional: boolean) => ({
    ...(weeks[i] ?? trendWindow),
    prsReviewed: (40 + i * 5) * k,
    comments: 200 * k,
    positiveShare: k === 0 ? null : 0.78 + i * 0.01,
    engagementRate: k === 0 ? null : 0.3 + i * 0.01,
    provisional,
  });
  return {
    window: trendWindow,
    bucket: 'week',
    prsReviewed: 180 * k,
    comments: 800 * k,
    priority: k === 0 ? null : { p0: 24 * k, p1: 160 * k, p2: 616 * k },
    replies: 90 * k,
    reactions: 53 * k,
    upvotes: 41 * k,
    downvotes: 9 * k,
    otherReactions: k === 0 ? null : 3 * k,
    detailedReactions: 53 * k,
    positiveShare: k === 0 ? null : 41 / 50,
    engagedComments: 280 * k,
    respondedComments: 800 * k,
    engagementRate: k === 0 ? null : 0.35,
    series: [point(0, false), point(1, false), point(2, false), point(3, true)],
  };
}

export function delta(current: number | null, previous: number | null): Delta {
  const change = current === null || previous === null ? null : current - previous;
  const ratio = change === null || previous === null || previous === 0 ? null : change / previous;
  return { current, previous, change, ratio, currentPeriod: week, previousPeriod: previousWeek };
}

export function deltas(scale: Scale): KpiDeltas {
  if (scale === 'zero')
    return {
      activeUsers: delta(0, 0),
      credits: delta(0, 0),
      threads: delta(0, 0),
      prsReviewed: delta(0, 0),
      positiveShare: delta(null, null),
    };
  if (scale === 'one')
    return {
      activeUsers: delta(1, 0),
      credits: delta(182.5, 0),
      threads: delta(4, 0),
      prsReviewed: delta(1, 1),
      positiveShare: delta(null, null),
    };
  return {
    activeUsers: delta(50_000, 40_000),
    credits: delta(1_234_567.8, 1_272_750),
    threads: delta(412_345, 412_345),
    prsReviewed: delta(18_000, 16_000),
    positiveShare: delta(0.82, 0.78),
  };
}

export function digest(scale: Scale, options: RankingFixtureOptions = {}): DigestFigures {
  return {
    week,
    previousWeek,
    adoption: adoption(scale),
    usage: usage(scale),
    ranking: ranking(scale, options),
    reviews: reviews(scale),
    deltas: deltas(scale),
    freshness: freshness(),
  };
}

/** Labels that try to ping, link, or format: each must come out inert. */
export const hostileLabels = [
  '<!channel>',
  'a&b',
  '*bold*',
  '_italic_',
  '~strike~',
  '`code`',
  '<https://evil.example|click>',
];
