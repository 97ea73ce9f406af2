import { escapeMrkdwn } from '../reports/blocks/escape-mrkdwn.js';
import { formatInteger, formatWindow } from '../reports/blocks/format.js';
import { dayKey } from '../src/domain/utc-days.js';
import type { ExportKind, ExportRequest, ParsedWindow } from './args/parsed-command.js';
import { callOptions } from './call-options.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { answerWithinHistory } from './history-window.js';

import { noteMessage, noteReply } from './note-message.js';
import { serializeTable } from './serialize-table.js';

const contents: Record<ExportKind, string> = {
  usage: 'workspace usage per day',
  users: 'per-user usage per day',
  reviews: 'Code Review figures per day',
};

/** Shown to a non-admin asking for `export users`. */
export const usersExportRefusal =
  'Per-user exports are limited to Codex Pulse admins (ADMIN_USER_IDS / ADMIN_USERGROUP_ID). ' +
  '`/codex export usage` and `/codex export reviews` are open to everyone, and `/codex me` shows your own numbers.';

/** `codex-usage-2026-11-17_2026-11-23.csv`: kind, first and last UTC day (the end is exclusive). */
function exportFilename(kind: ExportKind, window: ParsedWindow, format: 'csv' | 'json'): string {
  const last = Math.max(window.start, window.end - 1);
  return `codex-${kind}-${dayKey(window.start)}_${dayKey(last)}.${format}`;
}

/**
 * `/codex export <usage|users|reviews> [csv|json] [range]`: a file reply. The users export holds
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
  // Exports cover whatever history the analytics holds (issue 11 §3), up to the two years a range allows.
  return answerWithinHistory(
    parsed.window,
    deps.analytics,
    { ...callOptions(invocation), title: `Codex ${parsed.kind} export` },
    (window) => exportFile({ ...parsed, window }, invocation, deps),
  );
}

async function exportFile(
  parsed: ExportRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  const perUser = parsed.kind === 'users';
  const table = await deps.analytics.exportTable(parsed.kind, parsed.window, callOptions(invocation));
  const format = parsed.format.toUpperCase();
  const window = `${escapeMrkdwn(parsed.window.label)} (UTC)`;
  const privacy = perUser ? ' Per-user data: sent only to you.' : '';
  return {
    kind: 'file',
    filename: exportFilename(parsed.kind, parsed.window, parsed.format),
    filetype: parsed.format,
    content: serializeTable(table, parsed.format),
    title: `Codex ${parsed.kind} export · ${formatWindow(parsed.window)}`,
    comment: noteMessage(
      `*Codex ${parsed.kind} export* (${contents[parsed.kind]}) · ${window}: ${formatInteger(table.rows.length)} ${table.rows.length === 1 ? 'row' : 'rows'}, ${format}.${privacy}`,
      `Columns: ${escapeMrkdwn(table.columns.join(', '))}`,
    ),
    audience: perUser ? 'requester' : 'channel',
  };
}
