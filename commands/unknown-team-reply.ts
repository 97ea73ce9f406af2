import { section } from '../reports/blocks/block-helpers.js';
import { formatLabel } from '../reports/blocks/escape-mrkdwn.js';
import { closestMatch } from './args/closest-match.js';
import { quoteInput } from './args/echo-input.js';
import type { CommandReply } from './command-types.js';

/** Teams named in the refusal, at most: the rest are counted. */
const MAX_NAMED_TEAMS = 20;

/** "No team called `@platfrom`. Did you mean `@platform`? Teams: …" — to the asker alone. */
export function unknownTeamReply(query: string, known: readonly string[]): CommandReply {
  const guess = closestMatch(query, known);
  const names = known.slice(0, MAX_NAMED_TEAMS).map((name) => `\`${formatLabel(name)}\``);
  const more = known.length > MAX_NAMED_TEAMS ? ` and ${known.length - MAX_NAMED_TEAMS} more` : '';
  const list = known.length === 0 ? 'No teams are loaded yet.' : `Teams: ${names.join(', ')}${more}.`;
  const text = `No team called ${quoteInput(query)}.${guess ? ` Did you mean \`${formatLabel(guess)}\`?` : ''} ${list}`;
  return {
    kind: 'message',
    message: { text, blocks: [section(text)], charts: [] },
    visibility: 'ephemeral',
    audience: 'requester',
    shareable: false,
  };
}
