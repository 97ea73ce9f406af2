import { escapeMrkdwn } from '../reports/blocks/escape-mrkdwn.js';
import {
  channelMention,
  digestName,
  formatLocalTime,
  formatSchedule,
} from '../reports/subscriptions/digest-schedule-text.js';
import { nextDueAfter } from '../src/domain/digest-schedule.js';
import type { DigestSubscribeRequest } from './args/parsed-command.js';
import type { CommandDeps, DigestDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { digestAdminOnlyText } from './digest-notes.js';
import { noteReply } from './note-message.js';
import { resolveTeamFilter } from './team-filter.js';

/**
 * `/codex digest subscribe …` (admins): stores the subscription — the channel by id, the caller as its
 * owner (who hears when it pauses) — and confirms with its id, schedule and next run. The parser has
 * already filled the defaults (Monday 09:00, the caller's Slack zone or UTC, standard). With a team, the
 * subscription keeps the team's id (and name, for `digest list`) and its digest is the team's own.
 */
export async function runSubscribe(
  parsed: DigestSubscribeRequest,
  invocation: CommandInvocation,
  digests: DigestDeps,
  deps: Pick<CommandDeps, 'teams'>,
): Promise<CommandReply> {
  if (!invocation.isAdmin) return noteReply(digestAdminOnlyText('subscribe channels to'));
  // A digest goes to a channel: a small team is refused even for an admin (issue 12 §4).
  const team = await resolveTeamFilter(parsed.team, invocation, deps, false);
  if (team.kind === 'reply') {
    if (team.reply.kind !== 'message') return team.reply;
    return noteReply(`${team.reply.message.text} No digest was subscribed.`);
  }
  const { filter } = team;
  const subscription = await digests.subscriptions.create({
    teamId: invocation.teamId,
    channelId: parsed.channelId ?? invocation.channelId,
    ownerUserId: invocation.userId,
    day: parsed.day,
    time: parsed.time,
    timeZone: parsed.timeZone,
    style: parsed.style,
    cadence: parsed.cadence,
    team: filter === null ? null : { id: filter.scope.teamId, name: filter.name },
  });
  const id = escapeMrkdwn(subscription.id);
  const next = formatLocalTime(nextDueAfter(subscription, invocation.now), subscription.timeZone);
  return noteReply(
    `Subscribed ${channelMention(subscription.channelId)} to the ${subscription.cadence} ${digestName(subscription)} ` +
      `\`${id}\`: ${formatSchedule(subscription)} (next: ${next}).`,
    'The bot must be in the channel to post there: `/invite @Codex Pulse`. ' +
      `\`/codex digest preview ${id}\` shows it now; \`/codex digest unsubscribe ${id}\` stops it.`,
  );
}
