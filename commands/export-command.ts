import { escapeMrkdwn, formatLabel } from '../reports/blocks/escape-mrkdwn.js';
import { formatInteger, formatWindow } from '../reports/blocks/format.js';
import { reviewsWorkspaceWideText } from '../src/analytics/reviews-by-team-error.js';
import { dayKey } from '../src/domain/utc-days.js';
import type { ExportKind, ExportRequest, ParsedWindow } from './args/parsed-command.js';
import { callOptions } from './call-options.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { answerWithinHistory } from './history-window.js';

import { noteMessage, noteReply } from './note-message.js';
import { serializeTable } from './serialize-table.js';
import { resolveTeamFilter, type TeamFilter, teamTitle } from './team-filter.js';

const contents: Record<ExportKind, string> = {
  usage: 'workspace usage per day',
  users: 'per-user usage per day',
  reviews: 'Code Review figures per day',
};

/** What a team's export holds, before the team's name. */
const teamContents: Record<ExportKind, string> = {
  usage: 'usage per day of team',
  users: 'per-user usage per day of team',
  reviews: 'Code Review figures per day',
};

/** Shown to a non-admin asking for `export users`. */
export const usersExportRefusal =
  'Per-user exports are limited to Codex Pulse admins (ADMIN_USER_IDS / ADMIN_USERGROUP_ID). ' +
  '`/codex export usage` and `/codex export reviews` are open to everyone, and `/codex me` shows your own numbers.';

/**
 * `codex-usage-2026-11-17_2026-11-23.csv`: kind, first and last UTC day (the end is exclusive); a team's
 * export names the team too (`codex-usage-team-platform-…`), so two teams' files never look alike.
 */
function exportFilename(
  kind: ExportKind,
  window: ParsedWindow,
  format: 'csv' | 'json',
  filter: TeamFilter | null,
): string {
  const last = Math.max(window.start, window.end - 1);
  const slug =
    filter === null
      ? ''
      : `team-${
          filter.name
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-+|-+$/g, '')
            .slice(0, 40) || 'unnamed'
        }-`;
  return `codex-${kind}-${slug}${dayKey(window.start)}_${dayKey(last)}.${format}`;
}

/**
 * `/codex export <usage|users|reviews> [csv|json] [range] [team @group]`: a file reply. With a team,
 * usage and users cover its matched members (the team rules of `usage`); reviews, workspace-wide, refuse
 * a team. The users export holds
 * per-user rows, so it is for admins only and goes to the asker alone (`audience: 'requester'`, the
 * edge uploads it to their DM) — never to the channel the command was typed in.
 */
export async function runExport(
  parsed: ExportRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  const perUser = parsed.kind === 'users';
  // Refuse before fetching: a non-admin's request must not even load per-user rows.
  if (perUser && !invocation.isAdmin) return noteReply(usersExportRefusal);
  if (parsed.kind === 'reviews' && parsed.team !== null) {
    return noteReply(`${reviewsWorkspaceWideText} \`/codex export reviews\` exports the workspace's.`);
  }
  const team = await resolveTeamFilter(parsed.team, invocation, deps);
  if (team.kind === 'reply') return team.reply;
  // Exports cover whatever history the analytics holds (issue 11 §3), up to the two years a range allows.
  return answerWithinHistory(
    parsed.window,
    deps.analytics,
    { ...callOptions(invocation), title: `Codex ${parsed.kind} export${teamTitle(team.filter)}` },
    (window) => exportFile({ ...parsed, window }, team.filter, invocation, deps),
  );
}

async function exportFile(
  parsed: ExportRequest,
  filter: TeamFilter | null,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  const perUser = parsed.kind === 'users';
  const table = await deps.analytics.exportTable(parsed.kind, parsed.window, {
    ...callOptions(invocation),
    team: filter?.scope,
  });
  const format = parsed.format.toUpperCase();
  const window = `${escapeMrkdwn(parsed.window.label)} (UTC)`;
  const privacy = perUser ? ' Per-user data: sent only to you.' : '';
  const whose =
    filter === null ? contents[parsed.kind] : `${teamContents[parsed.kind]} ${formatLabel(filter.name)}`;
  // A small team's file (admins only get one) goes to the asker alone, as per-user files do.
  const private_ = perUser || filter?.small === true;
  return {
    kind: 'file',
    filename: exportFilename(parsed.kind, parsed.window, parsed.format, filter),
    filetype: parsed.format,
    content: serializeTable(table, parsed.format),
    title: `Codex ${parsed.kind} export${teamTitle(filter)} · ${formatWindow(parsed.window)}`,
    comment: noteMessage(
      `*Codex ${parsed.kind} export* (${whose}) · ${window}: ${formatInteger(table.rows.length)} ${table.rows.length === 1 ? 'row' : 'rows'}, ${format}.${privacy}`,
      `Columns: ${escapeMrkdwn(table.columns.join(', '))}`,
    ),
    audience: private_ ? 'requester' : 'channel',
  };
}
