/**
 * `/codex inactive [Nd] [team]` (issue 12, admins only): the people who never started with Codex and
 * those who lapsed, as Slack mentions so an admin can reach out — one page of 50 at a time, since an
 * ephemeral answer has no thread to continue in. Pure: the list in, one page out.
 */
import type { InactiveMember } from '../../src/figures/inactive-members.js';
import type { TeamRefresh } from '../../src/warehouse/warehouse-teams.js';
import { context, header, section } from '../blocks/block-helpers.js';
import { escapeMrkdwn, formatLabel } from '../blocks/escape-mrkdwn.js';
import { formatCount, formatDate, formatInteger } from '../blocks/format.js';
import { linesToSections } from '../blocks/line-sections.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { fitMessage } from '../limits/slack-limits.js';
import { TEAMS_NOT_LOADED } from './teams-report.js';

/** People per page: 50 lines of about 90 characters stay well inside one message. */
export const INACTIVE_PAGE_SIZE = 50;

export interface InactiveReportInput {
  refresh: TeamRefresh | null;
  /** The team asked about (its name), or null for every team. */
  teamName: string | null;
  /** Team names by id, for each person's teams. */
  teamNames: ReadonlyMap<string, string>;
  people: readonly InactiveMember[];
  /** Members with no email on their Slack profile: not listed, since nothing says whether they use Codex. */
  withoutEmail: number;
  /** Codex users no Slack email matched (`/codex teams unmatched`). */
  unmatchedCodexUsers: number;
  lapsedDays: number;
  /** As of (Unix seconds). */
  asOf: number;
  page: number;
  /** The command that shows page `n` (what the footer tells the admin to type). */
  pageCommand: (n: number) => string;
  /** "synced 2 h ago · data through Sun 29 Nov". */
  stored: string;
}

/** "<@U1> — lapsed, last active Mon 3 Nov · @platform, @payments". */
function personLine(person: InactiveMember, teamNames: ReadonlyMap<string, string>): string {
  const who = person.slackUserId
    ? `<@${person.slackUserId}>`
    : `${escapeMrkdwn(person.email ?? person.memberKey)} (not in Slack)`;
  const status = !person.matched
    ? 'no Codex use under their email'
    : person.status === 'never_started' || person.lastActive === null
      ? 'never started'
      : `lapsed, last active ${formatDate(person.lastActive, true)}`;
  const teams = person.teamIds.map((id) => formatLabel(teamNames.get(id) ?? id)).join(', ');
  return `• ${who} — ${status}${teams ? ` · ${teams}` : ''}`;
}

/**
 * What the list cannot say: people it leaves out (no email) and people it may list wrongly (their Slack
 * email matches no Codex user, yet they may use Codex under another one).
 */
function matchingNotes(input: InactiveReportInput): string[] {
  const unmatched = input.people.filter((p) => !p.matched).length;
  return [
    ...(unmatched > 0
      ? [
          `${formatCount(unmatched, 'person', 'people')} listed ${unmatched === 1 ? 'matches' : 'match'} no Codex user by email: they may never have started, or use Codex under another email. \`/codex teams unmatched\` lists the ${formatCount(input.unmatchedCodexUsers, 'Codex user')} no Slack email matched.`,
        ]
      : []),
    ...(input.withoutEmail > 0
      ? [
          `${formatCount(input.withoutEmail, 'member')} ${input.withoutEmail === 1 ? 'has' : 'have'} no email on their Slack profile, so nothing says whether they use Codex: not listed.`,
        ]
      : []),
  ];
}

export function buildInactiveReport(input: InactiveReportInput): ReportMessage {
  const scope = input.teamName === null ? 'all teams' : formatLabel(input.teamName);
  const title = `Inactive Codex members · ${input.teamName ?? 'all teams'}`;
  const done = (text: string, blocks: ReportMessage['blocks']) => fitMessage({ text, blocks, charts: [] });
  if (input.refresh === null) return done(TEAMS_NOT_LOADED, [header(title), section(TEAMS_NOT_LOADED)]);
  if (input.refresh.status === 'emails_hidden') {
    const why = input.refresh.detail ?? 'The Codex Analytics API returns no emails for this workspace.';
    return done(why, [header(title), section(`:warning: ${escapeMrkdwn(why)}`)]);
  }
  const never = input.people.filter((p) => p.status === 'never_started').length;
  const lapsed = input.people.length - never;
  const summary = `${formatInteger(never)} never started and ${formatInteger(lapsed)} lapsed (no Codex use in the last ${formatCount(input.lapsedDays, 'day')}) in ${scope}, as of ${formatDate(input.asOf, true)}.`;
  const notes = matchingNotes(input);
  if (input.people.length === 0) {
    const everyone =
      input.withoutEmail > 0
        ? `Everyone in ${scope} Codex can match used it recently.`
        : `Everyone in ${scope} used Codex recently. :tada:`;
    return done(summary, [header(title), section(everyone), ...(notes.length > 0 ? [context(notes)] : [])]);
  }
  const pages = Math.ceil(input.people.length / INACTIVE_PAGE_SIZE);
  const page = Math.min(input.page, pages);
  const shown = input.people.slice((page - 1) * INACTIVE_PAGE_SIZE, page * INACTIVE_PAGE_SIZE);
  const paging =
    pages > 1
      ? [
          `Page ${page} of ${pages}${page < pages ? ` · next: \`${escapeMrkdwn(input.pageCommand(page + 1))}\`` : ''}`,
        ]
      : [];
  return done(summary, [
    header(title),
    section(summary),
    ...(notes.length > 0 ? [section(notes.join('\n'))] : []),
    ...linesToSections(shown.map((person) => personLine(person, input.teamNames))),
    context([
      ...paging,
      `Only you see this list. \`/codex nudge inactive${input.teamName === null ? '' : ` ${escapeMrkdwn(input.teamName)}`}\` previews a friendly DM to them. Usage ${escapeMrkdwn(input.stored)}; teams read from Slack ${formatDate(Math.floor(input.refresh.finishedAt.getTime() / 1000))}.`,
    ]),
  ]);
}
