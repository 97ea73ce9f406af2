import type { ChartConfiguration } from 'chart.js';
import type { UserRanking } from '../../src/figures/figure-types.js';
import { maxLabelLength } from '../blocks/escape-mrkdwn.js';
import { formatCredits, formatInteger, formatPercent, formatWindow } from '../blocks/format.js';
import { truncate } from '../limits/slack-limit-values.js';
import { rankName } from '../top/ranking-lines.js';
import type { ChartSpec } from './chart-spec.js';
import { chartTheme, staticOptions, themedAxis, themedPlugins } from './chart-theme.js';
import { altText } from './series-labels.js';

/** More bars than this stop being readable at 800×400. */
const maxChartUsers = 15;

/**
 * The top users' credits as horizontal bars, best first. Labels are drawn as plain text on a canvas, so
 * they need no mrkdwn escaping — only the same 40-character cut as the message.
 */
export function buildTopUsersChart(ranking: UserRanking, limit = 10): ChartSpec {
  const users = ranking.users.slice(0, Math.min(limit, maxChartUsers));
  // The share of the bars drawn, not of the figures' whole top N (which may list more users).
  const share = users.reduce((sum, u) => sum + u.creditShare, 0);
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: users.map((u) => truncate(u.label, maxLabelLength)),
      datasets: [
        {
          label: 'Credits',
          data: users.map((u) => Math.round(u.credits * 10) / 10),
          backgroundColor: chartTheme.total,
        },
      ],
    },
    options: {
      ...staticOptions,
      indexAxis: 'y',
      plugins: themedPlugins(
        chartTitle(ranking, users.length),
        `${formatPercent(share)} of all credits held by the users shown`,
        false,
      ),
      scales: { x: themedAxis('Credits'), y: themedAxis(null) },
    },
  };
  return {
    key: 'top-users',
    title: ranking.sortBy === 'credits' ? 'Top users by credits' : `Top users by ${rankName(ranking.sortBy)}`,
    width: chartTheme.width,
    height: Math.max(chartTheme.height, 120 + users.length * 28),
    config,
    altText: altText([
      `Bar chart of ${ranking.sortBy === 'credits' ? '' : 'the credits of '}${whom(users.length, ranking.totalUsers)} by ${rankName(ranking.sortBy)}, ${formatWindow(ranking.window)}.`,
      `${users.map((u, i) => `${i + 1}. ${truncate(u.label, maxLabelLength)} ${formatCredits(u.credits)} (${formatPercent(u.creditShare)})`).join('; ')}.`,
      `Together ${formatPercent(share)} of ${formatCredits(ranking.totalCredits)} credits.`,
    ]),
  };
}

/**
 * The bars are always credits; ranked by another key (`top streak`) they are not the top users by
 * credits, and the title says whose credits they are: "Credits of the top 10 users by current streak".
 */
function chartTitle(ranking: UserRanking, shown: number): string {
  const who = shown === 1 ? 'Top user' : `Top ${shown} users`;
  if (ranking.sortBy === 'credits') return `${who} by credits`;
  return `Credits of the ${who.toLowerCase()} by ${rankName(ranking.sortBy)}`;
}

/** "the top 10 of 461 active users", without "the top 1 of 1 active users". */
function whom(shown: number, total: number): string {
  if (total === 1 && shown === 1) return 'the only active user';
  if (shown >= total) return `all ${formatInteger(total)} active users`;
  return `the top ${formatInteger(shown)} of ${formatInteger(total)} active users`;
}
