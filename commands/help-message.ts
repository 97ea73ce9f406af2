import { context, header, section } from '../reports/blocks/block-helpers.js';
import { escapeMrkdwn } from '../reports/blocks/escape-mrkdwn.js';
import type { ReportMessage } from '../reports/blocks/report-message.js';
import { fitMessage } from '../reports/limits/slack-limits.js';
import type { SubcommandInfo } from './command-types.js';

/**
 * What per-user access means for each entry, stated exactly: `perUser` only says an answer *can*
 * hold per-user data, while several commands still answer non-admins with aggregates.
 */
const accessNotes: Readonly<Record<string, string>> = {
  top: 'Names are for admins; everyone else sees how concentrated usage is.',
  export: '`users` is for admins only and goes to your DM, never to a channel.',
  teams:
    'Everyone sees teams of 5 or more matched members; smaller teams are counted together as "other teams" unless you are an admin.',
  inactive: 'Admins only: it names people.',
  'nudge inactive': 'Admins only: nothing is sent until you click Send.',
  'digest subscribe': 'Admins only.',
  'digest unsubscribe': 'Admins only.',
  'digest send-now': 'Admins only.',
  'digest resume': 'Admins only.',
  'digest preview':
    'Admins see the top users; everyone else gets the aggregate leadership digest (and leadership subscriptions by id).',
};

function entryText(info: SubcommandInfo): string {
  const examples = info.examples.map((e) => `\`${escapeMrkdwn(e)}\``).join(' · ');
  const access = accessNotes[info.name] ?? (info.perUser ? 'Admins only (per-user data).' : '');
  const lines = [
    `*\`${escapeMrkdwn(info.usage)}\`*`,
    escapeMrkdwn(info.description),
    ...(access ? [`:lock: ${access}`] : []),
    `Examples: ${examples}`,
  ];
  return lines.join('\n');
}

/** Options of {@link buildHelpMessage}. */
export interface HelpOptions {
  /** A subcommand name (`top`) or first word (`digest`); absent = every command. */
  topic?: string;
  isAdmin: boolean;
}

/**
 * `/codex help [topic]`: each subcommand's usage line, description, examples and who may see what,
 * from `subcommandInfos` — the same source as the argument errors, so help and errors never disagree.
 */
export function buildHelpMessage(infos: readonly SubcommandInfo[], options: HelpOptions): ReportMessage {
  const { topic } = options;
  const chosen =
    topic === undefined
      ? infos
      : infos.filter((info) => info.name === topic || info.name.split(' ')[0] === topic);
  const names = [...new Set(chosen.map((info) => info.name.split(' ')[0] ?? info.name))];
  const access = options.isAdmin
    ? 'You are a Codex Pulse admin: you also see per-user data (names, rankings, the users export).'
    : 'Per-user data (names, rankings, the users export) is limited to Codex Pulse admins (ADMIN_USER_IDS / ADMIN_USERGROUP_ID).';
  const blocks = [
    header(topic === undefined ? 'Codex Pulse commands' : `/codex ${topic}`),
    ...chosen.map((info) => section(entryText(info))),
    context([
      'Ranges: `7d`…`731d`, `this-week`, `last-week`, `this-month`, `last-month`, `this-quarter`, `last-quarter`, `6m`, `12m`, `YYYY-MM-DD..YYYY-MM-DD`, `YYYY-MM..YYYY-MM`, `all` (UTC; "last" = closed; default: the last 7 full days). Answers are shown to you first; *Share to channel* posts them.',
      access,
    ]),
  ];
  return fitMessage({
    text: `Codex Pulse commands: ${names.join(', ')}. Try /codex help top for one of them.`,
    blocks,
    charts: [],
  });
}
