/**
 * `/codex digest <action> …`: digest subscriptions. `subscribe` takes its words in any order (channel,
 * day, time, time zone, style, cadence, team); the other actions take at most a subscription id.
 */

import { type DigestCadence, digestCadences } from '../../src/domain/digest-cadence.js';
import { type DigestDay, digestDays } from '../../src/domain/digest-days.js';
import { type DigestStyle, digestStyles } from '../../src/domain/digest-styles.js';
import { UsageError } from '../../src/errors.js';
import { closestMatch } from './closest-match.js';
import { quoteInput } from './echo-input.js';
import { tokenize } from './parse-tokens.js';
import type { DigestRequest, DigestSubscribeRequest } from './parsed-command.js';
import { readTeamToken } from './team-word.js';
import {
  channelSchema,
  digestCadenceSchema,
  digestDaySchema,
  digestStyleSchema,
  fullDayNames,
  readToken,
  subscriptionIdSchema,
  timeOfDaySchema,
  timeZoneSchema,
} from './token-schemas.js';
import { usageError } from './usage-error.js';

/** Defaults of a new subscription: Monday morning, the standard digest. */
const DEFAULT_DIGEST_DAY: DigestDay = 'mon';
const DEFAULT_DIGEST_TIME = '09:00';
const DEFAULT_DIGEST_STYLE: DigestStyle = 'standard';
const DEFAULT_DIGEST_CADENCE: DigestCadence = 'weekly';

const digestActions = ['subscribe', 'list', 'unsubscribe', 'preview', 'send-now', 'resume'] as const;
type DigestAction = (typeof digestActions)[number];
const digestEntries = digestActions.map((a) => `digest ${a}`);

/**
 * Parses the words after `digest`. `defaultTimeZone` (the caller's Slack time zone) is used when
 * `subscribe` names none, and must already be valid; the caller falls back to UTC.
 */
export function parseDigest(words: readonly string[], defaultTimeZone: string): DigestRequest {
  const [first, ...rest] = words;
  if (first === undefined) {
    throw usageError(
      `Which digest action? ${digestActions.map((a) => `\`${a}\``).join(', ')}.`,
      digestEntries,
    );
  }
  const action = digestActions.find((a) => a === first.toLowerCase());
  if (action === undefined) {
    const guess = closestMatch(first, digestActions);
    const hint = guess ? ` Did you mean \`digest ${guess}\`?` : '';
    throw usageError(`I don't know the digest action ${quoteInput(first)}.${hint}`, digestEntries);
  }
  const entry = `digest ${action}`;
  switch (action) {
    case 'subscribe':
      return parseSubscribe(rest, defaultTimeZone);
    case 'list':
      if (rest[0] !== undefined) throw usageError(`\`/codex ${entry}\` takes nothing after it.`, entry);
      return { name: 'digest', action };
    case 'preview':
      return { name: 'digest', action, id: readId(rest, action) };
    case 'unsubscribe':
    case 'send-now':
    case 'resume': {
      const id = readId(rest, action);
      if (id === null) throw usageError('Which subscription? `/codex digest list` shows the ids.', entry);
      return { name: 'digest', action, id };
    }
  }
}

/** The one optional id after an action; null when none was given. */
function readId(rest: readonly string[], action: DigestAction): string | null {
  const entry = `digest ${action}`;
  const [token, extra] = rest;
  if (token === undefined) return null;
  if (extra !== undefined) throw usageError(`\`/codex ${entry}\` takes one subscription id.`, entry);
  const id = readToken(subscriptionIdSchema, token);
  if (id === null) {
    throw usageError(
      `${quoteInput(token)} isn't a subscription id: \`/codex digest list\` shows them.`,
      entry,
    );
  }
  return id;
}

type SubscribeFields = Omit<DigestSubscribeRequest, 'name' | 'action'>;
type Field = 'channel' | 'day' | 'time' | 'timeZone' | 'style' | 'cadence' | 'team';
const subscribeEntry = 'digest subscribe';
const fieldNouns: Record<Field, string> = {
  channel: 'channels',
  day: 'days',
  time: 'times',
  timeZone: 'time zones',
  style: 'styles',
  cadence: 'cadences',
  team: 'teams',
};
const subscribeHint =
  'Give a channel (`#channel`), a day (`mon`…`sun`), a 24-hour time (`09:00`), an IANA time zone ' +
  '(`Europe/Paris`), a style (`standard` or `leadership`) and how often (`weekly`, `monthly` or ' +
  "`quarterly`), and for a team's own digest `team @platform`, in any order.";

function parseSubscribe(words: readonly string[], defaultTimeZone: string): DigestSubscribeRequest {
  const fields: SubscribeFields = {
    channelId: null,
    channelName: null,
    day: DEFAULT_DIGEST_DAY,
    time: DEFAULT_DIGEST_TIME,
    timeZone: defaultTimeZone,
    style: DEFAULT_DIGEST_STYLE,
    cadence: DEFAULT_DIGEST_CADENCE,
    team: null,
  };
  const seen = new Map<Field, string>();
  const take = (field: Field, token: string, apply: () => void) => {
    const previous = seen.get(field);
    if (previous !== undefined) {
      throw usageError(
        `You gave two ${fieldNouns[field]} (${quoteInput(previous)} and ${quoteInput(token)}): pick one.`,
        subscribeEntry,
      );
    }
    seen.set(field, token);
    apply();
  };
  // `team` joins the word after it (or a quoted roster name), as in the other commands' slots.
  for (const token of tokenize(words.join(' '))) {
    const team = readTeam(token);
    if (team !== null) {
      take('team', token, () => (fields.team = team));
      continue;
    }
    const channel = readToken(channelSchema, token);
    const day = readToken(digestDaySchema, token);
    const time = readToken(timeOfDaySchema, token);
    const style = readToken(digestStyleSchema, token);
    const cadence = readToken(digestCadenceSchema, token);
    if (channel) {
      take('channel', token, () => {
        fields.channelId = channel.id;
        fields.channelName = channel.name;
      });
    } else if (day) take('day', token, () => (fields.day = day));
    else if (time) take('time', token, () => (fields.time = time));
    else if (style) take('style', token, () => (fields.style = style));
    else if (cadence) take('cadence', token, () => (fields.cadence = cadence));
    else {
      const zone = readToken(timeZoneSchema, token);
      if (zone === null) throw unknownSubscribeWord(token);
      take('timeZone', token, () => (fields.timeZone = zone));
    }
  }
  return { name: 'digest', action: 'subscribe', ...fields };
}

function readTeam(token: string): string | null {
  try {
    return readTeamToken(token);
  } catch (error) {
    if (error instanceof UsageError) throw usageError(error.message, subscribeEntry, error);
    throw error;
  }
}

function unknownSubscribeWord(token: string) {
  if (token.startsWith('#')) {
    return usageError(
      `I can't tell which channel ${quoteInput(token)} is: pick it from Slack's autocomplete so the command carries the channel id.`,
      subscribeEntry,
    );
  }
  if (/^\d{1,2}[:.h]\d{1,2}$/.test(token)) {
    return usageError(
      `${quoteInput(token)} isn't a time: use 24-hour \`HH:MM\`, like \`09:00\` or \`16:30\`.`,
      subscribeEntry,
    );
  }
  if (token.includes('/')) {
    return usageError(
      `${quoteInput(token)} isn't a time zone I know: use an IANA name like \`Europe/Paris\` or \`America/New_York\`.`,
      subscribeEntry,
    );
  }
  const guess = closestMatch(token, [...digestDays, ...fullDayNames, ...digestStyles, ...digestCadences]);
  const hint = guess ? `Did you mean \`${guess}\`?` : subscribeHint;
  return usageError(`I didn't understand ${quoteInput(token)}. ${hint}`, subscribeEntry);
}
