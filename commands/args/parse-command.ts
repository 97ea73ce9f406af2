/**
 * `/codex …` text → a validated ParsedCommand. Pure: the clock and the caller's time zone are
 * parameters. Every problem a person can cause throws a UsageError whose message is safe to post in
 * Slack as is (echoed input is short and escaped) and ends with the relevant usage line.
 */
import { z } from 'zod';
import { UsageError } from '../../src/errors.js';
import type { Bucket } from '../../src/figures/figure-types.js';
import { closestMatch } from './closest-match.js';
import { quoteInput } from './echo-input.js';
import { parseAlert } from './parse-alert.js';
import { parseBudget } from './parse-budget.js';
import { parseDigest } from './parse-digest.js';
import { isMeSubscriptionAction, meActionGuess, parseMeSubscription } from './parse-me-subscription.js';
import {
  checkBucketFits,
  defaultBucket,
  defaultWindow,
  looksLikeRange,
  type ParsedWindow,
} from './parse-range.js';
import { parseInactive, parseNudge } from './parse-teams.js';
import { parseTokens, tokenize } from './parse-tokens.js';
import type { ParsedCommand } from './parsed-command.js';
import { subcommandInfos, subcommandNames } from './subcommand-infos.js';
import { DEFAULT_TOP, readToken, surfaceTokenSchema, timeZoneSchema } from './token-schemas.js';
import { usageError } from './usage-error.js';

/** Longer text is not a command anyone typed; refusing it early keeps the work per call small. */
const MAX_COMMAND_CHARS = 1000;

export interface ParseOptions {
  /** The caller's Slack time zone (IANA): the default for `digest subscribe` and `me subscribe`. Invalid or absent → UTC. */
  defaultTimeZone?: string;
}

const helpWords = new Set(['help', '?', '-h', '--help']);
const commandTextSchema = z.string().max(MAX_COMMAND_CHARS);

/**
 * Parses everything after `/codex`. Empty text and `help` give the help request; `<command> help`
 * gives help on that command.
 */
export function parseCommandText(text: string, now: Date, options: ParseOptions = {}): ParsedCommand {
  // A bad clock is our bug, not the user's: it must not surface as a UsageError.
  if (Number.isNaN(now.getTime())) throw new RangeError('parseCommandText: now is an invalid Date');
  const checked = commandTextSchema.safeParse(text);
  if (!checked.success) {
    throw new UsageError(
      `That command is too long for me (${text.length} characters). \`/codex help\` lists what I understand.`,
    );
  }
  const words = checked.data.split(/\s+/u).filter((w) => w.length > 0);
  const [first, ...rest] = words;
  if (first === undefined) return { name: 'help' };
  const name = first.toLowerCase();
  if (helpWords.has(name)) return parseHelp(rest);
  if (rest.length === 1 && helpWords.has(rest[0]?.toLowerCase() ?? '') && subcommandNames.includes(name)) {
    return { name: 'help', topic: name };
  }
  const tokens = tokenize(rest.join(' '));
  switch (name) {
    case 'usage': {
      const slots = parseTokens(tokens, ['range', 'surface', 'bucket', 'team'], 'usage', now);
      const window = slots.range ?? defaultWindow(now);
      const bucket = fittingBucket(window, slots.bucket, 'usage');
      return { name, window, surface: slots.surface ?? null, bucket, team: slots.team ?? null };
    }
    case 'top': {
      const slots = parseTokens(tokens, ['key', 'count', 'surface', 'range', 'team'], 'top', now);
      return {
        name,
        window: slots.range ?? defaultWindow(now),
        key: slots.key ?? 'credits',
        limit: slots.count ?? DEFAULT_TOP,
        surface: slots.surface ?? null,
        team: slots.team ?? null,
      };
    }
    case 'reviews': {
      const slots = parseTokens(tokens, ['range', 'bucket', 'team'], 'reviews', now);
      const window = slots.range ?? defaultWindow(now);
      const bucket = fittingBucket(window, slots.bucket, 'reviews');
      return { name, window, bucket, team: slots.team ?? null };
    }
    case 'me': {
      if (isMeSubscriptionAction(rest[0])) return parseMeSubscription(rest, defaultTimeZoneOf(options));
      const guess = rest.length > 0 && !looksLikeRange(rest[0] ?? '') ? meActionGuess(rest[0] ?? '') : null;
      if (guess !== null) throw usageError(`Did you mean \`me ${guess}\`?`, ['me', `me ${guess}`]);
      const slots = parseTokens(tokens, ['range'], 'me', now);
      return { name, window: slots.range ?? defaultWindow(now) };
    }
    case 'export': {
      const slots = parseTokens(tokens, ['kind', 'format', 'range', 'team'], 'export', now);
      if (slots.kind === undefined) {
        throw usageError('Export what? Pick `usage`, `users` or `reviews`.', 'export');
      }
      return {
        name,
        kind: slots.kind,
        format: slots.format ?? 'csv',
        window: slots.range ?? defaultWindow(now),
        team: slots.team ?? null,
      };
    }
    case 'teams': {
      if (rest[0]?.toLowerCase() === 'unmatched') {
        if (rest.length > 1) {
          throw usageError(
            `\`teams unmatched\` takes nothing after it (you added ${quoteInput(rest.slice(1).join(' '))}).`,
            'teams unmatched',
          );
        }
        return { name: 'teams unmatched' };
      }
      const slots = parseTokens(tokens, ['range'], 'teams', now);
      return { name, window: slots.range ?? defaultWindow(now) };
    }
    case 'inactive':
      return parseInactive(rest);
    case 'nudge':
      return parseNudge(rest);
    case 'digest':
      return parseDigest(rest, defaultTimeZoneOf(options));
    case 'alert':
      return parseAlert(rest);
    case 'budget':
      return parseBudget(rest);
    default:
      throw unknownSubcommand(first, rest);
  }
}

/** The grouping asked for (or the window's default), refused when it makes too many points to chart. */
function fittingBucket(window: ParsedWindow, asked: Bucket | undefined, name: string): Bucket {
  const bucket = asked ?? defaultBucket(window);
  try {
    checkBucketFits(window, bucket);
  } catch (error) {
    if (error instanceof UsageError) throw usageError(error.message, name, error);
    throw error;
  }
  return bucket;
}

function parseHelp(rest: readonly string[]): ParsedCommand {
  if (rest.length === 0) return { name: 'help' };
  const topic = rest.join(' ').toLowerCase();
  const known = subcommandInfos.some((info) => info.name === topic) || subcommandNames.includes(topic);
  if (known) return { name: 'help', topic };
  const guess = closestMatch(topic, subcommandNames);
  const hint = guess ? ` Did you mean \`${guess}\`?` : '';
  throw usageError(`There's no help on ${quoteInput(topic)}.${hint} ${commandList()}`, 'help');
}

function unknownSubcommand(first: string, rest: readonly string[]): UsageError {
  const guess = closestMatch(first, subcommandNames);
  // `/codex last-week` or `/codex ide`: the words of `usage` without the subcommand.
  const asUsage = looksLikeRange(first) || readToken(surfaceTokenSchema, first) !== null;
  const suggestion = guess
    ? ` Did you mean \`${guess}\`?`
    : asUsage
      ? ` Did you mean ${quoteInput(`/codex ${reordered(first, rest).join(' ')}`)}?`
      : '';
  return usageError(`I don't know the command ${quoteInput(first)}.${suggestion} ${commandList()}`, 'help');
}

/**
 * The words of a command typed range first: `last-week top` is `top last-week`, and a text that names no
 * subcommand is `usage …` — never "usage last-week usage" for `/codex last-week usage`.
 */
function reordered(first: string, rest: readonly string[]): string[] {
  const at = rest.findIndex((word) => subcommandNames.includes(word.toLowerCase()));
  if (at < 0) return ['usage', first, ...rest];
  return [(rest[at] ?? '').toLowerCase(), first, ...rest.filter((_, i) => i !== at)];
}

function commandList(): string {
  return `Commands: ${subcommandNames.map((n) => `\`${n}\``).join(', ')}.`;
}

function defaultTimeZoneOf(options: ParseOptions): string {
  const zone =
    options.defaultTimeZone === undefined ? null : readToken(timeZoneSchema, options.defaultTimeZone);
  return zone ?? 'UTC';
}
