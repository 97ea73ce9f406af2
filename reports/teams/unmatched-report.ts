/**
 * `/codex teams unmatched` (issue 12 §1a, admins only): the Codex users the identity refresh matched to
 * no Slack person — their email (or Codex id when the analytics hide it), credits in the last 30 days
 * and last active day, largest first — with why it happens and what fixes it. Pure: the list in, one
 * message out; a long list shows its head and "…and N more".
 */
import type { UnmatchedCodexUser } from '../../src/teams/create-team-analytics.js';
import type { TeamRefresh } from '../../src/warehouse/warehouse-teams.js';
import { context, header, section } from '../blocks/block-helpers.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import { formatCount, formatCredits, formatDate, formatInteger } from '../blocks/format.js';
import { linesToSections, moreLine } from '../blocks/line-sections.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { fitMessage } from '../limits/slack-limits.js';
import { TEAMS_NOT_LOADED } from './teams-report.js';

/** People listed: 50 lines of about 90 characters stay well inside one message. */
export const UNMATCHED_SHOWN = 50;

export interface UnmatchedReportInput {
  refresh: TeamRefresh | null;
  people: readonly UnmatchedCodexUser[];
  days: number;
  /** "synced 2 h ago · data through Sun 29 Nov". */
  stored: string;
}

const TITLE = 'Codex users without a Slack match';

export const UNMATCHED_HINT =
  'Why: their Codex email is on no Slack profile — usually the Slack profile uses another address (an alias or an old domain). Fix: put the Codex email on their Slack profile, or list them by their Codex email in a roster (upload a CSV or JSON of `email,team` in a DM to me, or set ROSTER_FILE): roster members count in their teams by that email. The next daily refresh matches them.';

const NO_EMAIL_HINT =
  'Users shown by Codex id have no email in the Codex analytics (the workspace hides it for them), so no Slack profile or roster line can match them.';

function personLine(person: UnmatchedCodexUser, days: number): string {
  const who = person.email
    ? escapeMrkdwn(person.email)
    : `Codex user \`${escapeMrkdwn(person.codexUserId)}\` (no email)`;
  const last =
    person.lastActive === null ? 'never active' : `last active ${formatDate(person.lastActive, true)}`;
  const credits = `${formatCredits(person.credits)} ${person.credits === 1 ? 'credit' : 'credits'}`;
  return `• ${who} — ${credits} in ${days} days · ${last}`;
}

export function buildUnmatchedReport(input: UnmatchedReportInput): ReportMessage {
  const done = (text: string, blocks: ReportMessage['blocks']) => fitMessage({ text, blocks, charts: [] });
  const { refresh, people } = input;
  if (refresh === null) return done(TEAMS_NOT_LOADED, [header(TITLE), section(TEAMS_NOT_LOADED)]);
  if (refresh.status === 'emails_hidden') {
    const why = refresh.detail ?? 'The Codex Analytics API returns no emails for this workspace.';
    return done(why, [
      header(TITLE),
      section(
        `:warning: All ${formatCount(people.length, 'Codex user')} are unmatched. ${escapeMrkdwn(why)}`,
      ),
    ]);
  }
  const of = `${formatCount(people.length, 'Codex user')} of ${formatInteger(refresh.codexUsers)}`;
  if (people.length === 0) {
    const text = 'Every Codex user is matched to a Slack person. :tada:';
    return done(text, [header(TITLE), section(text)]);
  }
  const summary = `${of} ${people.length === 1 ? 'has' : 'have'} no Slack match, largest credits first (last ${input.days} days).`;
  const shown = people.slice(0, UNMATCHED_SHOWN).map((p) => personLine(p, input.days));
  const more = people.length - shown.length;
  const withoutEmail = people.some((p) => p.email === null) ? [NO_EMAIL_HINT] : [];
  return done(summary, [
    header(TITLE),
    section(summary),
    ...linesToSections(more > 0 ? [...shown, moreLine(more)] : shown),
    context([
      UNMATCHED_HINT,
      ...withoutEmail,
      `Only you see this list. Usage ${escapeMrkdwn(input.stored)}; teams read from Slack ${formatDate(Math.floor(refresh.finishedAt.getTime() / 1000))}.`,
    ]),
  ]);
}
