/**
 * What the bot answers in its DM when an admin uploads a roster (issue 12 §1b): what was imported and
 * how many of its emails match no Slack user, or every problem with its line number (the first ten and
 * how many more) and that nothing was imported; and the polite refusals. Pure: outcome in, message out.
 */
import type {
  RosterImportOutcome,
  RosterRefreshOutcome,
  RosterRemoveOutcome,
} from '../../src/teams/create-roster-importer.js';
import { EMAILS_HIDDEN_EXPLANATION } from '../../src/teams/refresh-identities.js';
import { context, section } from '../blocks/block-helpers.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import { formatCount, formatInteger } from '../blocks/format.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { truncate } from '../limits/slack-limits.js';

/** Problems listed in the reply; the rest are counted. */
export const ROSTER_PROBLEMS_SHOWN = 10;
/** What an admin types in the DM to drop the uploaded roster. */
export const REMOVE_ROSTER_WORDS = 'remove roster';

const FORMAT_HINT =
  'A roster is a `.csv` with a header `email,team,manager,cost_centre` (manager and cost centre optional), or a `.json` array of `{"email", "team", "manager", "costCentre"}`.';

const message = (text: string, notes: readonly string[] = []): ReportMessage => ({
  text,
  blocks: [section(text), ...(notes.length > 0 ? [context(notes)] : [])],
  charts: [],
});
const fileLabel = (name: string) => `*${escapeMrkdwn(truncate(name, 80))}*`;

export function buildRosterImportReply(outcome: RosterImportOutcome): ReportMessage {
  if (outcome.kind === 'invalid') {
    const { problems } = outcome;
    const shown = problems
      .slice(0, ROSTER_PROBLEMS_SHOWN)
      .map((p) => `• line ${p.line}: ${escapeMrkdwn(truncate(p.message, 200))}`);
    const more = problems.length - shown.length;
    return message(
      [
        `:x: ${fileLabel(outcome.fileName)} was not imported: ${formatCount(problems.length, 'problem')}. Nothing was changed — fix the file and upload it again.`,
        ...shown,
        ...(more > 0 ? [`…and ${formatInteger(more)} more`] : []),
      ].join('\n'),
      [FORMAT_HINT],
    );
  }
  const imported = `Roster imported: ${formatCount(outcome.people, 'person', 'people')} in ${formatCount(outcome.teams, 'team')}`;
  const replaces = outcome.overridesRosterFile
    ? `It replaces any roster uploaded before and is used instead of ROSTER_FILE until you remove it (send \`${REMOVE_ROSTER_WORDS}\` here).`
    : `It replaces any roster uploaded before and is used until you remove it (send \`${REMOVE_ROSTER_WORDS}\` here).`;
  const from = `From ${fileLabel(outcome.fileName)}. ${replaces}`;
  return message(`:white_check_mark: ${imported}${refreshSentence(outcome.refresh)}`, [from]);
}

export function buildRosterRemoveReply(outcome: RosterRemoveOutcome): ReportMessage {
  if (outcome.kind === 'none') return message('There is no uploaded roster to remove.');
  const next = outcome.overridesRosterFile
    ? 'ROSTER_FILE applies again'
    : 'teams come from Slack alone again';
  return message(`:wastebasket: Uploaded roster removed: ${next}${refreshSentence(outcome.refresh)}`);
}

/** The rest of the first sentence: the matches of the refresh that ran right after. */
function refreshSentence(refresh: RosterRefreshOutcome): string {
  if (refresh.status === 'failed') {
    return `. The team refresh that applies it failed (${escapeMrkdwn(refresh.code)}); it is retried within the hour.`;
  }
  if (refresh.status === 'emails_hidden') {
    return `; teams refreshed. :warning: ${EMAILS_HIDDEN_EXPLANATION}`;
  }
  const none = refresh.emailsNotInSlack;
  return none === 0
    ? '; every email matches a Slack user. Teams are refreshed.'
    : `; ${formatCount(none, 'email')} ${none === 1 ? 'matches' : 'match'} no Slack user (they still count in their teams by their Codex email). Teams are refreshed.`;
}

export type RosterRefusal = 'not_admin' | 'not_a_roster' | 'too_large' | 'several_files' | 'unreadable';

/** A polite no: says why and what to do, and that nothing was imported. */
export function buildRosterRefusal(reason: RosterRefusal, detail: { maxBytes: number }): ReportMessage {
  const mb = `${(detail.maxBytes / 1_048_576).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
  const texts: Record<RosterRefusal, string> = {
    not_admin:
      ':lock: Thanks — but only Codex Pulse admins (ADMIN_USER_IDS / ADMIN_USERGROUP_ID) can upload a roster, because it decides who is in which team. Nothing was imported.',
    not_a_roster: `I only read roster files here, \`.csv\` or \`.json\`. Nothing was imported. ${FORMAT_HINT}`,
    too_large: `That file is larger than ${mb}, the most a roster may be. Nothing was imported.`,
    several_files: 'Please send one roster file at a time. Nothing was imported.',
    unreadable:
      ":warning: I couldn't download that file from Slack. Nothing was imported — please try again.",
  };
  return message(texts[reason]);
}
