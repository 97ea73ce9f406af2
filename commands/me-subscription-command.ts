/**
 * `/codex me subscribe [day] [HH:MM]` and `/codex me unsubscribe` (issue 13 §4). A personal subscription
 * is a digest subscription of kind 'personal' — the digest scheduler delivers it, exactly once per
 * (subscription, week), to the subscriber's DM. One per person: subscribing again changes its day and
 * time in place, so a week already delivered is not delivered again at the new time.
 *
 * The email is looked up here only to refuse people no Codex user matches (they would get empty DMs);
 * it is not stored. Delivery looks it up again (users.info), so a changed address is followed.
 */
import { formatLocalTime, formatSchedule } from '../reports/subscriptions/digest-schedule-text.js';
import { nextDueAfter } from '../src/domain/digest-schedule.js';
import type { Subscription } from '../src/store/store-types.js';
import { defaultWindow } from './args/parse-range.js';
import type { MeSubscribeRequest, MeSubscriptionRequest } from './args/parsed-command.js';
import { callOptions } from './call-options.js';
import type { CommandDeps, DigestDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { noCodexMatchText, noEmailText } from './me-command.js';
import { noteReply } from './note-message.js';

const notConfiguredText =
  "Weekly DMs aren't configured on this Codex Pulse deployment: it runs without its subscription store. " +
  '`/codex me` works; ask your admin to enable scheduling (DATA_DIR or DATABASE_URL).';

export async function runMeSubscription(
  parsed: MeSubscriptionRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  const digests = deps.digests;
  if (digests === undefined) return noteReply(notConfiguredText);
  if (parsed.action === 'unsubscribe') return unsubscribe(invocation, digests);
  return subscribe(parsed, invocation, deps, digests);
}

async function subscribe(
  parsed: MeSubscribeRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
  digests: DigestDeps,
): Promise<CommandReply> {
  const email = (await invocation.lookupEmail())?.trim() ?? '';
  if (email === '') return noteReply(noEmailText);
  const window = defaultWindow(invocation.now);
  // Refused rather than kept: a DM every week saying "no usage found" is noise, and the fix (the Codex
  // account's address) is the same one `/codex me` explains.
  if ((await deps.analytics.personal(window, email, callOptions(invocation))) === null)
    return noteReply(noCodexMatchText(email, window.label));
  const schedule = { day: parsed.day, time: parsed.time, timeZone: parsed.timeZone };
  const { subscription, updated } = await upsertPersonal(digests, invocation, schedule);
  const when = formatSchedule(subscription);
  const next = formatLocalTime(nextDueAfter(subscription, invocation.now), subscription.timeZone);
  const zoneNote =
    invocation.userTimezone === undefined ? ' Slack gave me no time zone for you, so that is UTC.' : '';
  return noteReply(
    `${updated ? 'Updated your weekly DM' : 'Subscribed you to a weekly DM'}: your own Codex week ${when} ` +
      `(next: ${next}).${zoneNote}`,
    'It covers the last closed Monday–Sunday week (UTC), and the budgets of your teams. Its Unsubscribe button ' +
      'or `/codex me unsubscribe` stops it.',
  );
}

async function upsertPersonal(
  digests: DigestDeps,
  invocation: CommandInvocation,
  schedule: Pick<Subscription, 'day' | 'time' | 'timeZone'>,
): Promise<{ subscription: Subscription; updated: boolean }> {
  const update = async (existing: Subscription) => {
    // Subscribing again is also how a person restarts a DM that delivery paused (e.g. Slack could not
    // message them): `digest resume` is for admins and channel digests only.
    if (existing.status === 'paused') await digests.subscriptions.setStatus(existing.id, 'active', null);
    const subscription = await digests.subscriptions.setSchedule(existing.id, schedule);
    return subscription ? { subscription, updated: true } : null;
  };
  const existing = await digests.subscriptions.findPersonal(invocation.teamId, invocation.userId);
  const changed = existing ? await update(existing) : null;
  if (changed) return changed;
  try {
    const subscription = await digests.subscriptions.create({
      teamId: invocation.teamId,
      // The DM is opened at delivery time (conversations.open): the user id is the destination.
      channelId: invocation.userId,
      ownerUserId: invocation.userId,
      kind: 'personal',
      ...schedule,
      style: 'standard',
      cadence: 'weekly',
    });
    return { subscription, updated: false };
  } catch (error) {
    // A double-clicked subscribe on another replica created it first (PostgreSQL's unique index): update that.
    const raced = await digests.subscriptions.findPersonal(invocation.teamId, invocation.userId);
    const after = raced ? await update(raced) : null;
    if (after) return after;
    throw error;
  }
}

async function unsubscribe(invocation: CommandInvocation, digests: DigestDeps): Promise<CommandReply> {
  const existing = await digests.subscriptions.findPersonal(invocation.teamId, invocation.userId);
  if (existing === null || !(await digests.subscriptions.remove(existing.id)))
    return noteReply("You don't have a weekly DM. `/codex me subscribe` starts one.");
  return noteReply(
    `Unsubscribed: no more weekly DM (it was ${formatSchedule(existing)}). \`/codex me subscribe\` starts it again.`,
  );
}
