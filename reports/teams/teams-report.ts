/**
 * `/codex teams [range]` (issue 12): every team's adoption rate, active / members, credits with their
 * estimated USD, the surface carrying most of them, and the change on the period before, highest adoption first; the seats headline when SEATS_GROUP is set; and, when
 * the workspace's analytics hide emails, why nothing can be matched. Pure: figures in, message out.
 * Person names never appear: teams are named, people only counted.
 */
import type { Freshness } from '../../src/figures/figure-types.js';
import type { GroupFigures } from '../../src/figures/team-figures.js';
import type { TeamRefresh } from '../../src/warehouse/warehouse-teams.js';
import { context, fields, header, section } from '../blocks/block-helpers.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import { formatCount, formatDate, formatInteger, formatPercent, formatWindow } from '../blocks/format.js';
import { fitRows, linesToSections, moreLine } from '../blocks/line-sections.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { finishReport } from '../limits/finish-report.js';
import {
  acrossTeams,
  adoptionText,
  neverStartedText,
  spendText,
  type TeamComparison,
  teamLines,
  visibleSeats,
} from './team-lines.js';

export interface TeamsReportInput extends TeamComparison {
  /** The newest identity refresh; null before the first. */
  refresh: TeamRefresh | null;
  freshness: Freshness;
  isAdmin: boolean;
  /** The first day history holds (Unix seconds): named when there is no previous period to compare. */
  historyStart: number | null;
}

/** Characters the team lines may take: the 11k budget minus headline, notes and footer. */
const TEAM_ROWS_BUDGET = 7000;

/** What `/codex teams` says before the first identity refresh. */
export const TEAMS_NOT_LOADED =
  "Teams aren't loaded yet. Codex Pulse reads them from Slack (user groups by default; TEAM_SOURCES adds channels or a roster file) once a day, the first time when it starts — try again in a few minutes.";

function seatsFields(seats: GroupFigures): string[] {
  return [
    `*Seats*\n${formatInteger(seats.members)}`,
    `*Active seat holders*\n${formatInteger(seats.active)} (${formatPercent(seats.adoptionRate)})`,
    `*Never started*\n${formatInteger(seats.neverStarted)}`,
    `*Lapsed (14 days)*\n${formatInteger(seats.lapsed)}`,
    ...(seats.withoutEmail > 0
      ? [`*No Slack email (use unknown)*\n${formatInteger(seats.withoutEmail)}`]
      : []),
  ];
}

/** Why some members are neither active nor never started, when the figures shown have any. */
const WITHOUT_EMAIL_NOTE =
  'Members with no email on their Slack profile count as members, so not as active, but not as never started: nothing says whether they use Codex (`/codex inactive` leaves them out too).';

function refreshNote(refresh: TeamRefresh, isAdmin: boolean): string {
  const matched = `${formatInteger(refresh.matched)} of ${formatCount(refresh.codexUsers, 'Codex user')} matched to Slack people`;
  const unmatched =
    refresh.unmatched + refresh.codexWithoutEmail > 0
      ? ` (${formatInteger(refresh.unmatched)} with an email no Slack profile has, ${formatInteger(refresh.codexWithoutEmail)} without an email)`
      : '';
  // Admins can act on the unmatched (issue 12 §1a); others cannot see the list, so are not pointed to it.
  const list = isAdmin && unmatched ? ' `/codex teams unmatched` lists them.' : '';
  return `Adoption = team members active in Codex in the window ÷ members; members with no Codex match count as not active. ${matched}${unmatched}.${list}`;
}

/** Why the lines carry no change: history starts after the previous period began. */
function noComparison(input: TeamsReportInput): string[] {
  if (input.previous !== null) return [];
  const why =
    input.historyStart === null
      ? 'the warehouse holds no history yet'
      : `history starts ${formatDate(input.historyStart, true)}`;
  return [`No change against the period before (${formatWindow(input.previousWindow)}): ${why}.`];
}

export function buildTeamsReport(input: TeamsReportInput): ReportMessage {
  const window = formatWindow(input.window);
  const title = `Codex adoption by team · ${window}`;
  const finish = (text: string, blocks: ReportMessage['blocks']) =>
    finishReport({ text, blocks, charts: [], window: input.window, freshness: input.freshness });
  const { refresh, current } = input;
  if (refresh === null)
    return finish(`${title}. ${TEAMS_NOT_LOADED}`, [header(title), section(TEAMS_NOT_LOADED)]);
  if (refresh.status === 'emails_hidden') {
    const why = refresh.detail ?? 'The Codex Analytics API returns no emails for this workspace.';
    return finish(`${title}. ${why}`, [
      header(title),
      section(`:warning: *Teams can't be measured here.* ${escapeMrkdwn(why)}`),
      context([
        `${formatCount(refresh.teams, 'team')} read from Slack; adoption needs emails to match people.`,
      ]),
    ]);
  }
  const failed =
    refresh.status === 'failed'
      ? [
          context([
            `:warning: The last team refresh failed (${escapeMrkdwn(refresh.detail ?? 'unknown error')}); teams are as the refresh before left them, and it is retried within an hour.`,
          ]),
        ]
      : [];
  if (current.teams.length === 0 && current.seats === null) {
    const none =
      'No teams found: Slack has no user groups the bot can read (scope `usergroups:read`), and no channels or roster are configured (TEAM_SOURCES, TEAM_CHANNELS, ROSTER_FILE).';
    return finish(`${title}. ${none}`, [header(title), section(none), ...failed]);
  }

  const across = acrossTeams(current, input.isAdmin);
  const workspace = across.figures;
  const seats = visibleSeats(current, input.isAdmin);
  const headline = `${across.label}: ${adoptionText(workspace)} · ${spendText(workspace)} · ${neverStartedText(workspace, ' · ')}`;
  const lines = teamLines(input, input.isAdmin);
  const fitted = fitRows(lines, TEAM_ROWS_BUDGET);
  const rows = fitted.omitted > 0 ? [...fitted.rows, moreLine(fitted.omitted, 'team')] : fitted.rows;
  const privacy = input.isAdmin
    ? 'You are an admin: teams under 5 matched members are shown too (:lock:); others see them only counted together.'
    : 'Teams under 5 matched members are counted together as "other teams".';
  const seatsLine = seats
    ? ` Seats: ${formatInteger(seats.active)} of ${formatInteger(seats.members)} active (${formatPercent(seats.adoptionRate)}), ${neverStartedText(seats)}.`
    : '';
  const withoutEmail =
    workspace.withoutEmail > 0 || (seats?.withoutEmail ?? 0) > 0 ? [WITHOUT_EMAIL_NOTE] : [];
  return finish(`${title}. ${headline}.${seatsLine}`, [
    header(title),
    ...(seats ? [fields(seatsFields(seats))] : []),
    section(headline),
    ...linesToSections(rows),
    ...failed,
    context([refreshNote(refresh, input.isAdmin), ...withoutEmail, ...noComparison(input), privacy]),
  ]);
}
