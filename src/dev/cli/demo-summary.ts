import { formatCredits, formatInteger, formatPercent, formatWindow } from '../../../reports/blocks/format.js';
import { surfaceLabels, surfaces } from '../../domain/surfaces.js';
import { lastCompleteDays } from '../../domain/utc-days.js';
import type { Composition } from '../../main/compose.js';

/**
 * The demo's first screen: real figures for the last 7 complete days, fetched through the analytics
 * layer (the real client over HTTP): active users by surface, credits, the top 3 users by credits and
 * Code Review PRs with the positive share of reactions.
 */
export async function demoSummary(c: Composition): Promise<string> {
  const window = lastCompleteDays(c.clock.now(), 7);
  const [usage, ranking, reviews] = await Promise.all([
    c.analytics.usage(window, { bucket: 'day', surface: null }),
    c.analytics.ranking(window, { sortBy: 'credits', surface: null, topN: 3 }),
    c.analytics.reviews(window, { bucket: 'day' }),
  ]);
  const { adoption } = usage;
  const bySurface = surfaces
    .filter((s) => adoption.bySurface[s] > 0)
    .map((s) => `    ${surfaceLabels[s].padEnd(14)} ${formatInteger(adoption.bySurface[s])}`);
  const top = ranking.ranking.users.map(
    (u, i) => `    ${i + 1}. ${u.label.padEnd(20)} ${formatCredits(u.credits)} credits`,
  );
  const r = reviews.reviews;
  const votes = r.upvotes + r.downvotes;
  return [
    `Last 7 days (${formatWindow(window)}, UTC):`,
    `  Active users: ${formatInteger(adoption.activeUsers)} — by surface:`,
    ...bySurface,
    `  Credits: ${formatCredits(usage.usage.totals.credits)}`,
    '  Top 3 users by credits:',
    ...(top.length > 0 ? top : ['    (nobody used credits)']),
    `  Code Review: ${formatInteger(r.prsReviewed)} PRs reviewed, ${formatPercent(r.positiveShare)} positive reactions (${formatInteger(r.upvotes)} of ${formatInteger(votes)} 👍/👎)`,
  ].join('\n');
}
