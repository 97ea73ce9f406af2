/**
 * The `/codex` subcommands as people see them: the single source for `/codex help`, the manifest's
 * usage hint, the usage line in every argument error, and the tests.
 */
import type { SubcommandInfo } from '../command-types.js';

/**
 * Every subcommand, in help order. Digest actions are separate entries (named `digest <action>`) so
 * each error can quote the exact usage line. `perUser` marks answers that can hold per-user data:
 * rankings, the users export and digests (which include the top users) are for admins only. `pure`
 * marks answers that identical questions may share (not `me`: per asker; not `digest`: side effects).
 */
export const subcommandInfos: readonly SubcommandInfo[] = [
  {
    name: 'usage',
    usage: '/codex usage [range] [surface] [by day|week|month|quarter] [team @group]',
    description: 'Threads, turns, credits and tokens for the workspace (or one team), by surface and model.',
    examples: [
      '/codex usage',
      '/codex usage last-week ide by day',
      '/codex usage 6m by month',
      '/codex usage 2026-01..2026-06 by quarter',
      '/codex usage last-week team @platform',
    ],
    perUser: false,
    pure: true,
  },
  {
    name: 'top',
    usage: '/codex top [credits|threads|turns|tokens|streak] [N] [surface] [range] [team @group]',
    description: 'The top N users (1–50, default 10), ranked by credits unless you pick another key.',
    examples: [
      '/codex top',
      '/codex top credits 20 cli 30d',
      '/codex top streak last-week',
      '/codex top 30d team @platform',
    ],
    perUser: true,
    pure: true,
  },
  {
    name: 'reviews',
    usage: '/codex reviews [range] [by day|week|month|quarter]',
    description:
      'Codex Code Review: PRs reviewed, findings by priority, replies, reactions, sentiment. Workspace-wide: the API has no reviewer, so no team filter.',
    examples: ['/codex reviews', '/codex reviews 30d by week', '/codex reviews last-quarter by month'],
    perUser: false,
    pure: true,
  },
  {
    name: 'me',
    usage: '/codex me [range]',
    description: 'Your own Codex usage (matched by your Slack email).',
    examples: ['/codex me', '/codex me this-week'],
    perUser: false,
  },
  {
    name: 'me subscribe',
    usage: '/codex me subscribe [mon..sun] [HH:MM]',
    description:
      'Your own last week (credits, USD estimate, threads, surfaces, rank) and your teams’ budgets, by DM every week (default Monday 09:00 in your Slack time zone). Again to change the day or time.',
    examples: ['/codex me subscribe', '/codex me subscribe fri 16:30'],
    perUser: false,
  },
  {
    name: 'me unsubscribe',
    usage: '/codex me unsubscribe',
    description: 'Stop your weekly DM (its Unsubscribe button does the same).',
    examples: ['/codex me unsubscribe'],
    perUser: false,
  },
  {
    name: 'export',
    usage: '/codex export <usage|users|reviews> [csv|json] [range] [team @group]',
    description: 'A file of workspace usage, per-user usage or Code Review figures (csv by default).',
    examples: [
      '/codex export usage',
      '/codex export users json 30d',
      '/codex export usage all',
      '/codex export usage 30d team @platform',
    ],
    perUser: true,
    pure: true,
  },
  {
    name: 'teams',
    usage: '/codex teams [range]',
    description:
      'Adoption by team (Slack user groups, channels or the roster): active / members, credits and the change on the period before. Teams under 5 matched members show only to admins.',
    examples: ['/codex teams', '/codex teams last-month', '/codex teams 90d'],
    perUser: false,
    pure: true,
  },
  {
    name: 'teams unmatched',
    usage: '/codex teams unmatched',
    description:
      'Admins: the Codex users no Slack profile matched by email, largest credits first, and how to place them in teams.',
    examples: ['/codex teams unmatched'],
    perUser: true,
    pure: true,
  },
  {
    name: 'inactive',
    usage: '/codex inactive [Nd] [team] [page N]',
    description:
      'Admins: the people who never started with Codex or have not used it in N days (default 14), of one team or all.',
    examples: ['/codex inactive', '/codex inactive 30d @platform', '/codex inactive page 2'],
    perUser: true,
    pure: true,
  },
  {
    name: 'nudge inactive',
    usage: '/codex nudge inactive [team]',
    description:
      'Admins: preview a friendly DM to the inactive members (at most once per person per 30 days), then send it with a click.',
    examples: ['/codex nudge inactive', '/codex nudge inactive @payments'],
    perUser: true,
  },
  {
    name: 'digest subscribe',
    usage:
      '/codex digest subscribe [#channel] [mon..sun] [HH:MM] [timezone] [standard|leadership] [weekly|monthly|quarterly] [team @group]',
    description:
      "Post the digest to a channel (default: this channel, weekly, Monday 09:00, your timezone). Monthly and quarterly digests go out on the first such day of the new month or quarter. With a team (5+ matched members), the team's own digest.",
    examples: [
      '/codex digest subscribe',
      '/codex digest subscribe #eng-leads fri 16:30 Europe/Paris leadership',
      '/codex digest subscribe leadership monthly',
      '/codex digest subscribe fri team @platform',
    ],
    perUser: true,
  },
  {
    name: 'digest list',
    usage: '/codex digest list',
    description: 'The digest subscriptions, with their ids and how their last runs went.',
    examples: ['/codex digest list'],
    perUser: false,
  },
  {
    name: 'digest unsubscribe',
    usage: '/codex digest unsubscribe <id>',
    description: 'Stop a digest subscription.',
    examples: ['/codex digest unsubscribe 3'],
    perUser: false,
  },
  {
    name: 'digest preview',
    usage: '/codex digest preview [id]',
    description:
      'Show a digest to you only (a subscription’s style and cadence, or the standard weekly one).',
    examples: ['/codex digest preview', '/codex digest preview 3'],
    perUser: true,
  },
  {
    name: 'digest send-now',
    usage: '/codex digest send-now <id>',
    description:
      'Post a subscription’s digest to its channel right away (once per period, like the schedule).',
    examples: ['/codex digest send-now 3'],
    perUser: true,
  },
  {
    name: 'digest resume',
    usage: '/codex digest resume <id>',
    description: 'Restart a paused digest subscription (after inviting the bot back, say).',
    examples: ['/codex digest resume 3'],
    perUser: false,
  },
  {
    name: 'alert add',
    usage:
      '/codex alert add <metric> <above|below N per day|week|month | rises|drops P% per week|month | anomaly [k]> [surface|team @group|user @person] [#channel|dm] [provisional] [recover]',
    description:
      'Save an alert rule (admins): after each sync it posts once per period that meets it, to the channel or your DM (with `recover`, also once when the next period is back to normal). Shows how often it would have fired.',
    examples: [
      '/codex alert add credits above 5000 per day #eng-leads',
      '/codex alert add active-users drops 20% per week team @platform',
    ],
    perUser: false,
  },
  {
    name: 'alert list',
    usage: '/codex alert list',
    description: 'The saved alert rules, with their ids, destinations and whether they are snoozed or muted.',
    examples: ['/codex alert list'],
    perUser: false,
  },
  {
    name: 'alert remove',
    usage: '/codex alert remove <id>',
    description: 'Delete an alert rule (admins).',
    examples: ['/codex alert remove k3q7d'],
    perUser: false,
  },
  {
    name: 'alert preview',
    usage:
      '/codex alert preview <metric> <above|below N per day|week|month | rises|drops P% per week|month | anomaly [k]> [surface|team @group|user @person]',
    description:
      'How often an alert rule would have fired over the stored history, with the dates (admins). Metrics: credits, usd, active-users, threads, positive-share, p0.',
    examples: [
      '/codex alert preview credits above 5000 per day',
      '/codex alert preview active-users drops 20% per week',
      '/codex alert preview credits anomaly cli',
    ],
    perUser: false,
  },
  {
    name: 'budget status',
    usage: '/codex budget status',
    description:
      'Each monthly budget: spent so far this month, and the forecast to its end (weekdays and weekends at their own rates). `/codex budget` alone does the same.',
    examples: ['/codex budget status', '/codex budget'],
    perUser: false,
  },
  {
    name: 'budget set',
    usage: '/codex budget set <amount> [credits|usd] [monthly] [team @group]',
    description: 'Set the workspace’s (or a team’s) monthly budget, replacing the one it had (admins).',
    examples: ['/codex budget set 50000 credits', '/codex budget set $2,500 usd monthly team @platform'],
    perUser: false,
  },
  {
    name: 'budget remove',
    usage: '/codex budget remove [team @group]',
    description: 'Remove the workspace’s (or a team’s) budget (admins).',
    examples: ['/codex budget remove', '/codex budget remove team @platform'],
    perUser: false,
  },
  {
    name: 'help',
    usage: '/codex help [command]',
    description: 'What each command does, with examples.',
    examples: ['/codex help', '/codex help top'],
    perUser: false,
    pure: true,
  },
];

/** The first words people type after `/codex` (`digest` once), in help order. */
export const subcommandNames: readonly string[] = [
  ...new Set(subcommandInfos.map((info) => info.name.split(' ')[0] ?? info.name)),
];

/** The short hint Slack shows next to `/codex` while typing (manifest `usage_hint`). */
export const slashUsageHint = `[${subcommandNames.join('|')}] [range] [surface] …`;

/** The usage line of one entry; throws on an unknown name because that is a bug in this module. */
export function usageOf(name: string): string {
  const info = subcommandInfos.find((entry) => entry.name === name);
  if (!info) throw new Error(`no subcommand info named ${name}`);
  return info.usage;
}
