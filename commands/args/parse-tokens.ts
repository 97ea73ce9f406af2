/**
 * The optional words after a subcommand (`usage last-week ide by day`): each word is matched to the
 * first slot of the subcommand that accepts it, in any order, each slot at most once. Words that fit
 * no slot get a specific message — wrong subcommand for it, a did-you-mean, or what the slots accept.
 */
import type { Surface } from '../../src/domain/surfaces.js';
import { UsageError } from '../../src/errors.js';
import type { Bucket, RankKey } from '../../src/figures/figure-types.js';
import { closestMatch } from './closest-match.js';
import { quoteInput } from './echo-input.js';
import {
  looksLikeRange,
  MAX_RANGE_DAYS,
  type ParsedWindow,
  parseRange,
  rangeHint,
  rangeWords,
} from './parse-range.js';
import { readTeamToken } from './team-word.js';
import {
  countSchema,
  countTokenSchema,
  type ExportFormat,
  type ExportKind,
  exportFormatSchema,
  exportFormats,
  exportKindSchema,
  exportKinds,
  MAX_TOP,
  rankKeySchema,
  rankKeys,
  readToken,
  surfaceTokenSchema,
  surfaceWords,
} from './token-schemas.js';
import { usageError } from './usage-error.js';

/** The value each kind of slot holds. */
export interface SlotValues {
  range: ParsedWindow;
  surface: Surface;
  bucket: Bucket;
  count: number;
  key: RankKey;
  format: ExportFormat;
  kind: ExportKind;
  /** A team as typed (`@platform`, `#team-x`, a roster name, an escaped mention): the command resolves it. */
  team: string;
}
export type SlotKind = keyof SlotValues;
/** The slots a command filled; absent = not given (the command applies its default). */
export type FilledSlots<K extends SlotKind> = { [P in K]?: SlotValues[P] };

interface SlotReader<T> {
  /** How messages name the slot: "a surface". */
  noun: string;
  /** Words offered by did-you-mean. */
  words: readonly string[];
  hint(now: Date): string;
  /** The value, null when the word is not of this kind; throws UsageError when it is but is invalid. */
  read(token: string, now: Date): T | null;
}

const bucketWords = ['day', 'week', 'month', 'quarter'] as const satisfies readonly Bucket[];

const list = (words: readonly string[]) => words.map((w) => `\`${w}\``).join(', ');

const readers: { [P in SlotKind]: SlotReader<SlotValues[P]> } = {
  range: {
    noun: 'a range',
    words: rangeWords,
    hint: rangeHint,
    read: (token, now) => (looksLikeRange(token) ? parseRange(token, now) : null),
  },
  surface: {
    noun: 'a surface',
    words: surfaceWords,
    hint: () => `Surfaces are ${list(surfaceWords)}.`,
    read: (token) => readToken(surfaceTokenSchema, token),
  },
  bucket: {
    noun: 'a grouping',
    words: bucketWords.map((b) => `by ${b}`),
    hint: () => 'Group with `by day`, `by week`, `by month` or `by quarter`.',
    read: (token) => {
      const match = /^(?:by[ -](day|week|month|quarter)|(dai|week|month|quarter)ly)$/.exec(
        token.toLowerCase(),
      );
      if (!match) return null;
      const word = match[1] ?? (match[2] === 'dai' ? 'day' : match[2]);
      return bucketWords.find((b) => b === word) ?? null;
    },
  },
  count: {
    noun: 'a number',
    words: [],
    hint: () => `How many: a number from 1 to ${MAX_TOP}.`,
    read: (token) => {
      if (readToken(countTokenSchema, token) === null) return null;
      const count = readToken(countSchema, token);
      if (count === null) throw new UsageError(`${quoteInput(token)}: pick how many from 1 to ${MAX_TOP}.`);
      return count;
    },
  },
  key: {
    noun: 'a ranking',
    words: rankKeys,
    hint: () => `Rank by ${list(rankKeys)}.`,
    // `top by threads` reads naturally, so an optional `by` is allowed.
    read: (token) => readToken(rankKeySchema, token.replace(/^by[ -]/i, '')),
  },
  format: {
    noun: 'a file format',
    words: exportFormats,
    hint: () => `Formats are ${list(exportFormats)}.`,
    read: (token) => readToken(exportFormatSchema, token),
  },
  team: {
    noun: 'a team',
    words: ['team'],
    hint: () =>
      'Filter by a team with `team @platform`, `team #team-payments` or a roster team, quoted: `team "Data Science"`.',
    read: (token) => readTeamToken(token),
  },
  kind: {
    noun: 'an export kind',
    words: exportKinds,
    hint: () => `Export ${list(exportKinds)}.`,
    read: (token) => readToken(exportKindSchema, token),
  },
};

const slotOrder: readonly SlotKind[] = [
  'range',
  'surface',
  'bucket',
  'count',
  'key',
  'format',
  'kind',
  'team',
];

/**
 * Splits on any whitespace; `by` joins the word after it (`by day`) so grouping is one token, and so
 * does `team` (`team @platform`, or the quoted words of a roster name: `team "Data Science"`).
 */
export function tokenize(text: string): string[] {
  const words = text.split(/\s+/u).filter((w) => w.length > 0);
  const tokens: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const next = words[i + 1];
    const joins = w.toLowerCase() === 'by' || w.toLowerCase() === 'team';
    const closing = next?.startsWith('"') ? words.findIndex((x, j) => j > i && /.+"$/.test(x)) : -1;
    if (w.toLowerCase() === 'team' && closing > i) {
      // A roster team of several words, quoted: `team "Data Science"`.
      tokens.push(
        `team ${words
          .slice(i + 1, closing + 1)
          .join(' ')
          .slice(1, -1)}`,
      );
      i = closing;
    } else if (joins && next !== undefined) {
      tokens.push(`${w.toLowerCase()} ${next}`);
      i++;
    } else tokens.push(w);
  }
  return tokens;
}

/**
 * Fills the `allowed` slots from `tokens`. `name` is the subcommandInfos entry whose usage line ends
 * every error.
 */
export function parseTokens<K extends SlotKind>(
  tokens: readonly string[],
  allowed: readonly K[],
  name: string,
  now: Date,
): FilledSlots<K> {
  const filled: FilledSlots<K> = {};
  const seen: Partial<Record<SlotKind, string>> = {};
  for (const token of tokens) {
    const match = readAllowed(token, allowed, name, now);
    if (match === null) throw unknownToken(token, allowed, name, now);
    const previous = seen[match.kind];
    if (previous !== undefined) {
      throw usageError(
        `You gave ${readers[match.kind].noun} twice (${quoteInput(previous)} and ${quoteInput(token)}): pick one.`,
        name,
      );
    }
    seen[match.kind] = token;
    filled[match.kind] = match.value as SlotValues[K];
  }
  return filled;
}

/** The first allowed slot that accepts the token; invalid values become errors with the usage line. */
function readAllowed<K extends SlotKind>(
  token: string,
  allowed: readonly K[],
  name: string,
  now: Date,
): { kind: K; value: unknown } | null {
  for (const kind of slotOrder) {
    if (!(allowed as readonly SlotKind[]).includes(kind)) continue;
    try {
      const value = readers[kind].read(token, now);
      if (value !== null) return { kind: kind as K, value };
    } catch (error) {
      if (error instanceof UsageError) throw usageError(error.message, name, error);
      throw error;
    }
  }
  return null;
}

function unknownToken(token: string, allowed: readonly SlotKind[], name: string, now: Date): UsageError {
  const command = `\`/codex ${name}\``;
  const foreign = slotOrder.find((k) => !allowed.includes(k) && fits(k, token, now));
  if (foreign !== undefined) {
    const dayCount = Number(token);
    const asRange =
      foreign === 'count' && allowed.includes('range') && dayCount >= 1 && dayCount <= MAX_RANGE_DAYS
        ? ` Did you mean \`${dayCount}d\` (the last ${dayCount} days)?`
        : '';
    return usageError(
      `${command} doesn't take ${readers[foreign].noun} (${quoteInput(token)}).${asRange}`,
      name,
    );
  }
  const suggestion = closestMatch(
    token,
    allowed.flatMap((k) => readers[k].words),
  );
  // Narrow the hint to what the word was probably meant as: `by …` groups or ranks, digits are ranges.
  const focus: readonly SlotKind[] = /^by\b/i.test(token)
    ? ['bucket', 'key']
    : /^\d|day|week|month|quarter|\.\./i.test(token)
      ? ['range']
      : slotOrder;
  const focused = allowed.filter((k) => focus.includes(k));
  const hint = suggestion
    ? `Did you mean \`${suggestion}\`?`
    : (focused.length > 0 ? focused : allowed).map((k) => readers[k].hint(now)).join(' ');
  return usageError(`I didn't understand ${quoteInput(token)}. ${hint}`, name);
}

/** True when the token is of this kind, valid or not. */
function fits(kind: SlotKind, token: string, now: Date): boolean {
  try {
    return readers[kind].read(token, now) !== null;
  } catch {
    return true;
  }
}
