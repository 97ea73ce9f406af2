/**
 * How digest subscriptions and their runs read, shared by the subscribe confirmation, `/codex digest
 * list` and App Home. Times here are the subscription's local time: a schedule is set in its zone
 * ("every Monday at 09:00 Europe/Berlin"), so its runs read in that zone too (reports/README.md keeps
 * UTC for data windows, which these are not).
 */
import type { DigestCadence } from '../../src/domain/digest-cadence.js';
import { type DigestDay, digestDayNames } from '../../src/domain/digest-days.js';
import type { DigestStyle } from '../../src/domain/digest-styles.js';
import type { Delivery, Subscription } from '../../src/store/store-types.js';
import { escapeMrkdwn, formatLabel } from '../blocks/escape-mrkdwn.js';
import { formatDate, formatPeriod } from '../blocks/format.js';

/** The style as people read it. */
export const styleNames: Record<DigestStyle, string> = {
  standard: 'standard digest',
  leadership: 'leadership digest',
};

/** `standard digest`, or `standard digest of team @platform` for a team's own digest (issue 12 §3). */
export function digestName(subscription: Pick<Subscription, 'style' | 'team'>): string {
  const name = styleNames[subscription.style];
  return subscription.team === null ? name : `${name} of team ${formatLabel(subscription.team.name)}`;
}

/** "every Monday at 09:00 Europe/Berlin", "the first Monday of each month at 09:00 Europe/Berlin". */
export function formatSchedule(schedule: {
  day: DigestDay;
  time: string;
  timeZone: string;
  cadence: DigestCadence;
}): string {
  const at = `at ${schedule.time} ${escapeMrkdwn(schedule.timeZone)}`;
  const day = digestDayNames[schedule.day];
  if (schedule.cadence === 'weekly') return `every ${day} ${at}`;
  return `the first ${day} of each ${schedule.cadence === 'monthly' ? 'month' : 'quarter'} ${at}`;
}

/** The period a run covered: "week of Mon 16 Nov", "November 2026", "Q3 2026". */
export function formatRunPeriod(periodStart: number, cadence: DigestCadence): string {
  if (cadence === 'weekly') return `week of ${formatDate(periodStart)}`;
  if (cadence === 'quarterly') return formatPeriod(periodStart, 'quarter');
  const date = new Date(periodStart * 1000);
  return `${date.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${date.getUTCFullYear()}`;
}

/** An instant in a zone: "Mon 30 Nov, 09:00". */
export function formatLocalTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')}, ${get('hour')}:${get('minute')}`;
}

/** A channel by id, as Slack renders it (`<#C123>` shows the current name, so renames never break it). */
export function channelMention(channelId: string): string {
  return `<#${escapeMrkdwn(channelId)}>`;
}

/** "active", or "paused: the bot isn't in the channel …". */
export function formatStatus(subscription: Pick<Subscription, 'status' | 'pausedReason'>): string {
  if (subscription.status === 'active') return 'active';
  return subscription.pausedReason === null ? 'paused' : `paused: ${reasonText(subscription.pausedReason)}`;
}

/**
 * The service records reasons as short codes (Slack error codes such as `not_in_channel`, or its own);
 * known ones get a sentence with the fix, anything else is shown as the code itself.
 */
// A Map: a reason such as `constructor` must not hit Object.prototype.
const reasonTexts: ReadonlyMap<string, string> = new Map(
  Object.entries({
    not_in_channel: 'the bot isn’t in the channel — `/invite @Codex Pulse` there',
    channel_not_found: 'the channel is gone or private without the bot — `/invite @Codex Pulse` there',
    is_archived: 'the channel is archived — unarchive it or subscribe another channel',
    codex_unavailable: 'the Codex Analytics API was unavailable; the next run goes out as scheduled',
    codex_unreachable: 'the Codex Analytics API was unreachable; the next run goes out as scheduled',
    codex_rate_limited: 'the Codex Analytics API was rate limited; the next run goes out as scheduled',
    codex_auth: 'the Codex API key was refused — an admin should check CODEX_API_KEY',
    missed: 'missed its slot (the bot was down) and too late to catch up',
    paused: 'the subscription is paused',
  }),
);

/**
 * A delivery or pause reason as a sentence with its fix. Reasons are a code, optionally followed by
 * `: detail` (`store_claim_lost: another replica took it over`); an unknown code is shown as code.
 */
export function reasonText(reason: string): string {
  const split = reason.indexOf(': ');
  const code = split < 0 ? reason : reason.slice(0, split);
  const detail = split < 0 ? '' : escapeMrkdwn(reason.slice(split + 2, split + 202));
  const known = reasonTexts.get(code);
  if (known !== undefined) return detail ? `${known} (${detail})` : known;
  return `\`${escapeMrkdwn(code.slice(0, 100))}\`${detail ? ` — ${detail}` : ''}`;
}

/** One run: "delivered · Mon 23 Nov, 09:00 (week of Mon 16 Nov)", with its reason when skipped or failed. */
export function formatRun(run: Delivery, schedule: { timeZone: string; cadence: DigestCadence }): string {
  const when = `${formatLocalTime(run.updatedAt, schedule.timeZone)} (${formatRunPeriod(run.periodStart, schedule.cadence)})`;
  const status = run.status === 'pending' ? 'in progress' : run.status;
  return run.reason === null ? `${status} · ${when}` : `${status}: ${reasonText(run.reason)} · ${when}`;
}
