/** The few plain messages the digest service sends besides digests: what went wrong and what to do. */
import { codexOutageCodes, isOneOf } from '../errors.js';

/** Slack errors that mean the bot cannot post in the channel: the subscription pauses. */
const channelErrors = ['not_in_channel', 'channel_not_found', 'is_archived'] as const;
export type ChannelError = (typeof channelErrors)[number];

export function isChannelError(code: string | undefined): code is ChannelError {
  return (channelErrors as readonly string[]).includes(code ?? '');
}

/**
 * Posted in the channel instead of the digest when the Codex Analytics API cannot give figures: a
 * short honest note beats a digest of zeros. A failed period is not retried by the schedule (its key is
 * finished), so the note promises only next week's digest.
 */
export function delayedNoticeText(code: string): string {
  const why = isOneOf(code, codexOutageCodes)
    ? 'the Codex Analytics API is unavailable right now'
    : 'the Codex analytics could not be read (an admin can find the details in the bot’s logs)';
  return `:hourglass: This week's Codex digest is delayed: ${why}, and a digest without the figures would mislead. The next one goes out as scheduled. _(${code})_`;
}

/** The DM to a subscription's owner when it pauses: the reason in words, and the fix. */
export function pausedDmText(sub: { id: string; channelId: string }, code: ChannelError): string {
  const channel = `<#${sub.channelId}>`;
  const reason: Record<ChannelError, string> = {
    not_in_channel: `I'm not a member of ${channel}, so I can't post there.`,
    channel_not_found: `I can't find ${channel}: it was deleted, or it is private and I was never added.`,
    is_archived: `${channel} is archived, so nothing can be posted there.`,
  };
  // The same subscription picks up again once the channel is fixed; another channel needs a new one.
  const resume = `\`/codex digest resume ${sub.id}\``;
  const fix: Record<ChannelError, string> = {
    not_in_channel: `Invite me with \`/invite @Codex Pulse\` in ${channel}, then ${resume}.`,
    channel_not_found: `Add me to the channel with \`/invite @Codex Pulse\` and ${resume}, or subscribe another channel with \`/codex digest subscribe\`.`,
    is_archived: `Unarchive the channel and ${resume}, or subscribe another one with \`/codex digest subscribe\`.`,
  };
  return [
    `:pause_button: Your Codex digest \`${sub.id}\` for ${channel} is paused. ${reason[code]}`,
    `To fix it: ${fix[code]} You can remove the paused one with \`/codex digest unsubscribe ${sub.id}\`.`,
  ].join('\n');
}
