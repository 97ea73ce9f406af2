import { surfaceLabels } from '../../src/domain/surfaces.js';
import type { Freshness, UserRanking } from '../../src/figures/figure-types.js';
import { fields, header, section } from '../blocks/block-helpers.js';
import { formatCredits, formatInteger, formatPercent, formatWindow } from '../blocks/format.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { finishReport } from '../limits/finish-report.js';

/** Options of {@link buildAggregateRankingNote}. */
export interface AggregateRankingNoteOptions {
  freshness: Freshness;
  /** Why there are no names; default: rankings are for admins. */
  intro?: string;
  /** Header text; default "How concentrated Codex usage is · <window>". */
  title?: string;
}

/** Why a non-admin sees this instead of the ranking; names the settings an admin would change. */
export const adminOnlyRankingIntro =
  'Per-user rankings are limited to Codex Pulse admins (ADMIN_USER_IDS / ADMIN_USERGROUP_ID). Here is how concentrated usage is:';

/**
 * What a non-admin gets for `/codex top`: how concentrated credits are — the top N's share and the
 * active-user count — and nothing per user. Only `users.length`, `totalUsers`, `totalCredits` and
 * `topShare` are read, so no label, email or id can reach the message.
 */
export function buildAggregateRankingNote(
  ranking: UserRanking,
  options: AggregateRankingNoteOptions,
): ReportMessage {
  const window = formatWindow(ranking.window);
  const top = ranking.users.length;
  const total = ranking.totalUsers;
  const scope = ranking.surface === null ? 'all surfaces' : `${surfaceLabels[ranking.surface]} only`;
  const credits = `${formatCredits(ranking.totalCredits)} credits`;
  const headline =
    total === 0
      ? `No active users in this window (${scope}).`
      : top >= total
        ? `${total === 1 ? 'The only active user' : `All ${formatInteger(total)} active users`} (${scope}) used ${credits}.`
        : `The top ${formatInteger(top)} of ${formatInteger(total)} active users (${scope}) used ${formatPercent(ranking.topShare)} of ${credits}.`;
  const figures =
    total === 0 || top >= total
      ? []
      : [
          fields([
            `*Active users*\n${formatInteger(total)}`,
            `*Credits*\n${formatCredits(ranking.totalCredits)}`,
            `*Top ${formatInteger(top)}*\n${formatPercent(ranking.topShare)} of credits`,
            `*Other ${formatInteger(total - top)}*\n${formatPercent(Math.max(0, 1 - ranking.topShare))} of credits`,
          ]),
        ];
  return finishReport({
    text: `Codex usage concentration, ${window}: ${headline}`,
    blocks: [
      header(options.title ?? `How concentrated Codex usage is · ${window}`),
      section(options.intro ?? adminOnlyRankingIntro),
      section(headline),
      ...figures,
    ],
    charts: [],
    window: ranking.window,
    freshness: options.freshness,
  });
}
