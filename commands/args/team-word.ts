/**
 * A team as a person types it (issue 12): `@platform` (user group), `#team-payments` (channel), a roster
 * team's name, or Slack's escaped form of a group or channel mention. Only the warehouse knows the teams,
 * so this refuses only what cannot be a team name; the command says when no team has that name.
 */
import { UsageError } from '../../src/errors.js';
import { quoteInput } from './echo-input.js';

/** Longer is not a team name anyone typed. */
const MAX_TEAM_CHARS = 80;
// Control, bidi-override and zero-width characters never belong to a team name.
const invisible = /[\p{Cc}\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;
/** Slack's escaped user group or channel mention: `<!subteam^S0123|@platform>`, `<#C0123|team-x>`. */
const escapedMention = /^<(?:!subteam\^S[A-Z0-9]+|#[CG][A-Z0-9]+)(?:\|[^<>|]{0,80})?>$/;
/** A user group mention on its own (`@platform`, `<!subteam^S1|@platform>`) needs no `team` before it. */
const groupMention = /^(?:@[\w.-]{1,80}|<!subteam\^S[A-Z0-9]+(?:\|[^<>|]{0,80})?>)$/;

/** The team as typed, or a UsageError (without a usage line: the caller adds its own) saying why not. */
export function readTeamName(team: string): string {
  if (team.length > MAX_TEAM_CHARS || invisible.test(team)) {
    throw new UsageError(`${quoteInput(team)} can't be a team name.`);
  }
  if ((team.includes('<') || team.includes('>')) && !escapedMention.test(team)) {
    throw new UsageError(
      `${quoteInput(team)} isn't a team: name a user group (\`@platform\`), a channel (\`#team-payments\`) or a roster team.`,
    );
  }
  return team;
}

/**
 * The team slot of `usage`, `top`, `reviews` and `export`: `team <name>` (tokenize joins the two words)
 * or a bare user group mention; null when the token is not a team. A lone `team` asks which.
 */
export function readTeamToken(token: string): string | null {
  if (token.toLowerCase() === 'team') {
    throw new UsageError('Which team? E.g. `team @platform` or `team #team-payments`.');
  }
  const named = /^team\s+(.+)$/is.exec(token)?.[1];
  if (named !== undefined) return readTeamName(named);
  return groupMention.test(token) ? token : null;
}
