/**
 * `/codex me subscribe [day] [HH:MM]` and `/codex me unsubscribe` (issue 13 §4): the caller's own week,
 * by DM, weekly. The day and time come in any order, each at most once; the zone is the caller's Slack
 * zone (UTC when Slack gives none), so the DM lands at the same local hour across DST.
 */
import { type DigestDay, digestDays } from '../../src/domain/digest-days.js';
import { closestMatch } from './closest-match.js';
import { quoteInput } from './echo-input.js';
import type { MeSubscriptionRequest } from './parsed-command.js';
import { digestDaySchema, fullDayNames, readToken, timeOfDaySchema } from './token-schemas.js';
import { usageError } from './usage-error.js';

/** Defaults of a personal subscription: Monday morning, like the channel digest. */
export const DEFAULT_PERSONAL_DAY: DigestDay = 'mon';
export const DEFAULT_PERSONAL_TIME = '09:00';

const actions = ['subscribe', 'unsubscribe'] as const;

/** True when the words after `me` start with a subscription action (`subscribe`, `unsubscribe`). */
export function isMeSubscriptionAction(word: string | undefined): boolean {
  return actions.some((action) => action === word?.toLowerCase());
}

/** A word after `me` that is close to an action but not one (`subscrbe`): the action it meant. */
export function meActionGuess(word: string): string | null {
  return closestMatch(word, actions);
}

/** Parses `subscribe …` / `unsubscribe` (the words after `me`); `defaultTimeZone` must be valid. */
export function parseMeSubscription(
  words: readonly string[],
  defaultTimeZone: string,
): MeSubscriptionRequest {
  const [first, ...rest] = words;
  if (first?.toLowerCase() === 'unsubscribe') {
    if (rest[0] !== undefined)
      throw usageError('`/codex me unsubscribe` takes nothing after it.', 'me unsubscribe');
    return { name: 'me', action: 'unsubscribe' };
  }
  let day: { value: DigestDay; token: string } | null = null;
  let time: { value: string; token: string } | null = null;
  for (const token of rest) {
    const asDay = readToken(digestDaySchema, token);
    const asTime = asDay === null ? readToken(timeOfDaySchema, token) : null;
    const previous = asDay !== null ? day : asTime !== null ? time : undefined;
    if (previous) {
      const noun = asDay !== null ? 'days' : 'times';
      throw usageError(
        `You gave two ${noun} (${quoteInput(previous.token)} and ${quoteInput(token)}): pick one.`,
        'me subscribe',
      );
    }
    if (asDay !== null) day = { value: asDay, token };
    else if (asTime !== null) time = { value: asTime, token };
    else throw unknownWord(token);
  }
  return {
    name: 'me',
    action: 'subscribe',
    day: day?.value ?? DEFAULT_PERSONAL_DAY,
    time: time?.value ?? DEFAULT_PERSONAL_TIME,
    timeZone: defaultTimeZone,
  };
}

function unknownWord(token: string) {
  if (/^\d{1,2}[:.h]\d{1,2}$/.test(token)) {
    return usageError(
      `${quoteInput(token)} isn't a time: use 24-hour \`HH:MM\`, like \`09:00\` or \`16:30\`.`,
      'me subscribe',
    );
  }
  const guess = closestMatch(token, [...digestDays, ...fullDayNames]);
  const hint = guess
    ? `Did you mean \`${guess}\`?`
    : 'Give a day (`mon`…`sun`) and a 24-hour time (`09:00`), in any order; your Slack time zone is used.';
  return usageError(`I didn't understand ${quoteInput(token)}. ${hint}`, 'me subscribe');
}
