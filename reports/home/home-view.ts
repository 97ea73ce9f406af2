import type { KnownBlock } from '@slack/types';
import { surfaceLabels, surfaces } from '../../src/domain/surfaces.js';
import type { AdoptionFigures, Freshness, UsageBreakdown } from '../../src/figures/figure-types.js';
import { actions, button, context, divider, fields, header, section } from '../blocks/block-helpers.js';
import {
  formatCredits,
  formatInteger,
  formatNumber,
  formatPercent,
  formatTokens,
  formatWindow,
} from '../blocks/format.js';
import { freshnessAndSource } from '../blocks/report-footer.js';
import { maxBlocks } from '../limits/slack-limit-values.js';
import type { SubscriptionWithRuns } from '../subscriptions/digest-subscriptions-report.js';
import { homeDigestBlocks } from './home-digests-section.js';

/** The action id of the App Home report buttons; the Slack edge runs `/codex <value> last-week`. */
export const HOME_OPEN_REPORT_ACTION = 'home_open_report';

/** Reports an admin can open from App Home, as the button values the edge accepts. */
export const homeReports = ['usage', 'top', 'reviews'] as const;
export type HomeReport = (typeof homeReports)[number];

/** The last complete week's figures (a UsageView); null when they could not be loaded. */
export interface HomeFigures {
  adoption: AdoptionFigures;
  usage: UsageBreakdown;
  freshness: Freshness;
}

export interface HomeViewInput {
  usage: HomeFigures | null;
  isAdmin: boolean;
  /**
   * Scheduled digests with their newest runs; `null` when they could not be loaded, absent when the
   * deployment has no subscription store (then Home does not mention them).
   */
  digests?: readonly SubscriptionWithRuns[] | null;
  /** While the usage warehouse loads its history: "loading history: 40%" (issue 11), shown on top. */
  syncNote?: string;
}

const BAR_WIDTH = 20;
const buttonLabels: Record<HomeReport, string> = {
  usage: 'Usage report',
  top: 'Top users',
  reviews: 'Code Review',
};

/**
 * The App Home tab: headline numbers of the last complete week, active users by surface as text bars
 * (an image would need a file already shared with the viewer), the scheduled digests with their last
 * runs, and for admins buttons that send a report to their DM. Pure: figures in, blocks out (at most
 * 100, Slack's Home limit).
 */
export function buildHomeView(input: HomeViewInput): KnownBlock[] {
  const blocks: KnownBlock[] = [header('Codex Pulse')];
  if (input.syncNote !== undefined) blocks.push(context([`:hourglass_flowing_sand: ${input.syncNote}`]));
  const figures = input.usage;
  if (!figures) {
    blocks.push(
      section(":warning: Codex figures aren't available right now. Try reopening this tab shortly."),
    );
  } else {
    blocks.push(...figureBlocks(figures));
  }
  blocks.push(divider());
  if (input.digests !== undefined) blocks.push(...homeDigestBlocks(input.digests, input.isAdmin), divider());
  if (input.isAdmin) {
    blocks.push(
      section('*Reports* · sent to your DM with Codex Pulse (last week)'),
      actions(
        homeReports.map((report) =>
          button({
            text: buttonLabels[report],
            actionId: `${HOME_OPEN_REPORT_ACTION}_${report}`,
            value: report,
          }),
        ),
        'home_reports',
      ),
    );
  }
  blocks.push(context(['Type `/codex help` in any conversation for every command.']));
  return blocks.slice(0, maxBlocks('home'));
}

function figureBlocks(figures: HomeFigures): KnownBlock[] {
  const { adoption, usage } = figures;
  const t = usage.totals;
  return [
    section(`*Last complete week* · ${formatWindow(usage.window)}`),
    fields([
      `*Active users*\n${formatInteger(adoption.activeUsers)}`,
      `*Threads*\n${formatNumber(t.threads)}`,
      `*Credits*\n${formatCredits(t.credits)}`,
      `*Tokens*\n${formatTokens(t.tokens.total)}`,
    ]),
    section(surfaceBars(adoption)),
    context([freshnessAndSource(usage.window, figures.freshness)]),
  ];
}

/** Active users per surface as Unicode bars scaled to the busiest surface, in a code block. */
export function surfaceBars(adoption: AdoptionFigures): string {
  if (adoption.activeUsers === 0) return 'No active Codex users last week.';
  const active = surfaces.filter((s) => adoption.bySurface[s] > 0);
  const top = Math.max(...active.map((s) => adoption.bySurface[s]));
  const width = Math.max(...active.map((s) => surfaceLabels[s].length));
  const lines = active.map((s) => {
    const n = adoption.bySurface[s];
    const bar = '█'.repeat(Math.max(1, Math.round((n / top) * BAR_WIDTH)));
    return `${surfaceLabels[s].padEnd(width)} ${bar} ${formatInteger(n)} (${formatPercent(n / adoption.activeUsers)})`;
  });
  return `*Active users by surface*\n\`\`\`${lines.join('\n')}\`\`\``;
}
