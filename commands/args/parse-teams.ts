/**
 * The team commands (issue 12): `teams [range]`, `inactive [Nd] [team]` and `nudge inactive [team]`. A
 * team is what people type for it — `@platform` (user group), `#team-payments` (channel), a roster team's
 * name (`Data Science`, several words), or Slack's escaped form of a group or channel mention — and the
 * command, not the parser, says when no team has that name: only the warehouse knows the teams.
 */
import { UsageError } from '../../src/errors.js';
import { closestMatch } from './closest-match.js';
import { quoteInput } from './echo-input.js';
import type { InactiveRequest, NudgeRequest } from './parsed-command.js';
import { readTeamName } from './team-word.js';
import { usageError } from './usage-error.js';

/** "Inactive" by default: no Codex activity in this many days (issue 12: lapsed = 14 days). */
export const DEFAULT_LAPSED_DAYS = 14;
/** The longest lapse period `inactive` takes: a year. */
export const MAX_LAPSED_DAYS = 365;

/** The most pages `inactive` lists (50 people each: 10,000 people). */
export const MAX_INACTIVE_PAGE = 200;

/** The words after `inactive`: an optional `Nd`, an optional team, and `page N` for a long list. */
export function parseInactive(words: readonly string[]): InactiveRequest {
  let lapsedDays: number | null = null;
  let page: number | null = null;
  const teamWords: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word.toLowerCase() === 'page') {
      const next = words[i + 1] ?? '';
      const number = /^\d{1,4}$/.test(next) ? Number(next) : Number.NaN;
      if (page !== null || !(number >= 1 && number <= MAX_INACTIVE_PAGE)) {
        throw usageError(
          `\`page\` takes one page number from 1 to ${MAX_INACTIVE_PAGE} (\`page 2\`).`,
          'inactive',
        );
      }
      page = number;
      i++;
      continue;
    }
    const days = /^(\d{1,4})d$/i.exec(word)?.[1];
    if (days === undefined) {
      teamWords.push(word);
      continue;
    }
    if (lapsedDays !== null) {
      throw usageError(`You gave two periods (${quoteInput(word)}): pick one.`, 'inactive');
    }
    const count = Number(days);
    if (count < 1 || count > MAX_LAPSED_DAYS) {
      throw usageError(
        `${quoteInput(word)}: inactive means no Codex use in the last 1 to ${MAX_LAPSED_DAYS} days (\`14d\`, \`30d\`).`,
        'inactive',
      );
    }
    lapsedDays = count;
  }
  return {
    name: 'inactive',
    lapsedDays: lapsedDays ?? DEFAULT_LAPSED_DAYS,
    team: teamOf(teamWords, 'inactive'),
    page: page ?? 1,
  };
}

/** The words after `nudge`: `inactive`, then an optional team. */
export function parseNudge(words: readonly string[]): NudgeRequest {
  const [first, ...rest] = words;
  if (first?.toLowerCase() !== 'inactive') {
    const guess = first === undefined ? null : closestMatch(first, ['inactive']);
    const what = first === undefined ? 'Nudge whom?' : `I can't nudge ${quoteInput(first)}.`;
    throw usageError(
      `${what} ${guess ? 'Did you mean `nudge inactive`? ' : ''}Only inactive members can be nudged.`,
      'nudge inactive',
    );
  }
  return { name: 'nudge', team: teamOf(rest, 'nudge inactive') };
}

/**
 * The team typed (words joined by one space), or null when none; refuses what cannot be a team. The
 * `team` keyword and quotes of `usage … team "Data Science"` are taken here too, so the team slot reads
 * the same on every command (`inactive team @platform` is not a team called "team @platform").
 */
function teamOf(words: readonly string[], entry: string): string | null {
  if (words.length === 0) return null;
  const [first, ...rest] = words;
  const keyword = first?.toLowerCase() === 'team';
  if (keyword && rest.length === 0) {
    throw usageError('Which team? E.g. `team @platform` or `team #team-payments`.', entry);
  }
  const typed = (keyword ? rest : words).join(' ');
  const unquoted = /^["“](.+)["”]$/s.exec(typed)?.[1] ?? typed;
  try {
    return readTeamName(unquoted);
  } catch (error) {
    if (error instanceof UsageError) throw usageError(error.message, entry, error);
    throw error;
  }
}
