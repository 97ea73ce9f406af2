/**
 * The words of an alert rule (issue 13): `<metric> <condition> [scope] [#channel|dm] [provisional]
 * [recover]` (`recover`: a "back to normal" notice after a firing, also `notify-recovery`),
 * shared by `alert add` and `alert preview` so a previewed rule can be pasted into `add` unchanged.
 *
 *   credits above 5000 per day         usd below 200 weekly          threads rises 20% per week
 *   active-users drops 15% month       credits anomaly               p0 anomaly 4
 *   positive-share below 60% per week  credits above 500 cli         credits above 2k team @platform
 *
 * Numbers take `5000`, `5,000`, `5k`, `1.5k`, `$5000` and (for the share) `60%`. Any problem throws a
 * UsageError naming what was wrong and ending with the usage line of `entry`.
 */
import { z } from 'zod';
import {
  type AlertCondition,
  type AlertDestination,
  type AlertMetric,
  type AlertPeriod,
  type AlertRuleSpec,
  type AlertScope,
  alertMetrics,
  DEFAULT_ANOMALY_K,
} from '../../src/domain/alert-rules.js';
import { closestMatch } from './closest-match.js';
import { quoteInput } from './echo-input.js';
import { channelSchema, readToken, surfaceTokenSchema } from './token-schemas.js';
import { usageError } from './usage-error.js';

/** A rule as typed: the spec, and where `add` would post its firings. */
export interface ParsedAlertRule {
  spec: AlertRuleSpec;
  destination: AlertDestination;
}

/** An anomaly further than this many MADs is not a threshold anyone means. */
const MAX_ANOMALY_K = 20;

const metricAliases: ReadonlyMap<string, AlertMetric> = new Map<string, AlertMetric>([
  ...alertMetrics.map((m): [string, AlertMetric] => [m, m]),
  ['active', 'active-users'],
  ['users', 'active-users'],
  ['active_users', 'active-users'],
  ['dollars', 'usd'],
  ['cost', 'usd'],
  ['positive', 'positive-share'],
  ['positive_share', 'positive-share'],
  ['p0s', 'p0'],
  ['p0-findings', 'p0'],
]);

/** Review metrics come from workspace-wide endpoints: they have no surface, team or user. */
const workspaceOnly: ReadonlySet<AlertMetric> = new Set(['positive-share', 'p0']);

const periodWords: ReadonlyMap<string, AlertPeriod> = new Map<string, AlertPeriod>([
  ['day', 'day'],
  ['daily', 'day'],
  ['/day', 'day'],
  ['week', 'week'],
  ['weekly', 'week'],
  ['/week', 'week'],
  ['month', 'month'],
  ['monthly', 'month'],
  ['/month', 'month'],
]);

const aboveWords = new Set(['above', 'over', '>']);
const belowWords = new Set(['below', 'under', '<']);
const riseWords = new Set(['rises', 'rise', 'up', 'grows']);
const dropWords = new Set(['drops', 'drop', 'down', 'falls', 'fall']);
const conditionWords = ['above', 'below', 'rises', 'drops', 'change', 'anomaly'];

/** `5000`, `5,000`, `$5000`, `5k`, `1.5k`, `2m`, `60%` → the number and whether it had a `%`. */
const amountSchema = z
  .string()
  .regex(/^[+-]?\$?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?[km]?%?$/i)
  .transform((s) => {
    const percent = s.endsWith('%');
    const body = s.replace(/[$,%]/g, '').toLowerCase();
    const scale = body.endsWith('k') ? 1_000 : body.endsWith('m') ? 1_000_000 : 1;
    const value = Number(body.replace(/[km]$/, '')) * scale;
    return { value, percent, signed: /^[+-]/.test(s) };
  })
  .pipe(z.object({ value: z.number().finite(), percent: z.boolean(), signed: z.boolean() }));

/** A Slack user mention as a slash command escapes it: `<@U0123|name>` or `<@U0123>`. */
const userMentionSchema = z
  .string()
  .regex(/^<@([UW][A-Z0-9]{2,30})(\|[^<>|]{0,80})?>$/)
  .transform((s) => /^<@([UW][A-Z0-9]+)/.exec(s)?.[1] ?? '');

/** A team as typed: `@platform`, `<!subteam^S0123|@platform>`, `#payments`, `<#C0123|payments>`, `payments`. */
const teamSchema = z
  .string()
  .regex(
    /^(<!subteam\^[A-Z0-9]{2,30}(\|@?[^<>|]{1,80})?>|<#[A-Z0-9]{2,30}(\|[^<>|]{0,80})?>|[@#]?[\w.-]{1,80})$/,
  )
  .transform((s) => {
    const handle = /\|@?([^<>|]+)>$/.exec(s)?.[1];
    if (handle !== undefined) return handle.toLowerCase();
    return s.replace(/^[@#]/, '').toLowerCase();
  });

export function parseAlertRule(words: readonly string[], entry: string): ParsedAlertRule {
  const [metricWord, conditionWord, ...rest] = words;
  if (metricWord === undefined) {
    throw usageError(`Which metric? ${alertMetrics.map((m) => `\`${m}\``).join(', ')}.`, entry);
  }
  const metric = metricAliases.get(metricWord.toLowerCase());
  if (metric === undefined) {
    const guess = closestMatch(metricWord, [...alertMetrics]);
    const hint = guess ? ` Did you mean \`${guess}\`?` : '';
    throw usageError(
      `I can't watch ${quoteInput(metricWord)}.${hint} Metrics: ${alertMetrics.map((m) => `\`${m}\``).join(', ')}.`,
      entry,
    );
  }
  if (conditionWord === undefined) {
    throw usageError(
      `When should it fire? E.g. \`${metric} above 5000 per day\` or \`${metric} anomaly\`.`,
      entry,
    );
  }
  const { condition, remaining } = parseCondition(metric, conditionWord, rest, entry);
  const extras = parseExtras(remaining, entry);
  if (workspaceOnly.has(metric) && extras.scope.kind !== 'workspace') {
    throw usageError(
      `\`${metric}\` is a workspace-wide Code Review figure: it has no surface, team or user.`,
      entry,
    );
  }
  return {
    spec: {
      metric,
      condition,
      scope: extras.scope,
      provisional: extras.provisional,
      ...(extras.recover ? { recover: true } : {}),
    },
    destination: extras.destination,
  };
}

function parseCondition(
  metric: AlertMetric,
  word: string,
  rest: readonly string[],
  entry: string,
): { condition: AlertCondition; remaining: string[] } {
  const lower = word.toLowerCase();
  if (lower === 'anomaly') {
    const amount = rest[0] === undefined ? null : readToken(amountSchema, rest[0]);
    if (amount === null)
      return { condition: { kind: 'anomaly', k: DEFAULT_ANOMALY_K }, remaining: [...rest] };
    if (amount.percent || amount.value <= 0 || amount.value > MAX_ANOMALY_K) {
      throw usageError(
        `An anomaly's sensitivity is a number of deviations from 0 to ${MAX_ANOMALY_K}, like \`anomaly 3\`.`,
        entry,
      );
    }
    return { condition: { kind: 'anomaly', k: amount.value }, remaining: rest.slice(1) };
  }
  const isAbove = aboveWords.has(lower);
  const isBelow = belowWords.has(lower);
  const isRise = riseWords.has(lower);
  const isDrop = dropWords.has(lower);
  if (!isAbove && !isBelow && !isRise && !isDrop && lower !== 'change') {
    const guess = closestMatch(word, conditionWords);
    const hint = guess ? ` Did you mean \`${guess}\`?` : '';
    throw usageError(
      `I don't know the condition ${quoteInput(word)}.${hint} Use \`above\`, \`below\`, \`rises\`, \`drops\`, \`change\` or \`anomaly\`.`,
      entry,
    );
  }
  const amountWord = rest[0];
  const amount = amountWord === undefined ? null : readToken(amountSchema, amountWord);
  if (amount === null) {
    const example =
      isAbove || isBelow ? `${lower} 5000` : `${lower === 'change' ? 'change +' : `${lower} `}20%`;
    throw usageError(`${quoteInput(word)} needs a number after it, like \`${metric} ${example}\`.`, entry);
  }
  const { period, remaining } = readPeriod(rest.slice(1), isAbove || isBelow ? 'day' : 'week');
  if (isAbove || isBelow) {
    const value = thresholdValue(metric, amount, entry);
    return { condition: { kind: isAbove ? 'above' : 'below', value, per: period }, remaining };
  }
  if (lower === 'change' && !amount.signed) {
    throw usageError(
      'Say which way: `change +20%` for a rise, `change -20%` for a drop (or `rises 20%`, `drops 20%`).',
      entry,
    );
  }
  if (amount.value === 0 || Math.abs(amount.value) > 1000) {
    throw usageError('A change is a percentage between 1% and 1000%, like `drops 20%`.', entry);
  }
  const magnitude = Math.abs(amount.value);
  const percent = isDrop || (lower === 'change' && amount.value < 0) ? -magnitude : magnitude;
  return { condition: { kind: 'change', percent, per: period }, remaining };
}

/** A threshold in the metric's unit: the share is a fraction (`60%` or `60` → 0.6), counts are whole. */
function thresholdValue(
  metric: AlertMetric,
  amount: { value: number; percent: boolean },
  entry: string,
): number {
  if (metric === 'positive-share') {
    if (amount.value < 0 || amount.value > 100) {
      throw usageError('A share is a percentage from 0% to 100%, like `positive-share below 60%`.', entry);
    }
    return amount.value / 100;
  }
  if (amount.percent) {
    throw usageError(
      `\`${metric}\` is not a percentage: give a number, like \`${metric} above 5000\`.`,
      entry,
    );
  }
  if (amount.value < 0) throw usageError('A threshold cannot be negative.', entry);
  return amount.value;
}

/** An optional `per day|week|month` (or `daily`, `/week`…) at the front of `words`. */
function readPeriod(
  words: readonly string[],
  fallback: AlertPeriod,
): { period: AlertPeriod; remaining: string[] } {
  const [first, second] = words;
  const asPer =
    first?.toLowerCase() === 'per' || first?.toLowerCase() === 'a'
      ? periodWords.get(second?.toLowerCase() ?? '')
      : undefined;
  if (asPer !== undefined) return { period: asPer, remaining: words.slice(2) };
  const direct = periodWords.get(first?.toLowerCase() ?? '');
  if (direct !== undefined) return { period: direct, remaining: words.slice(1) };
  return { period: fallback, remaining: [...words] };
}

/** Words that ask for a "back to normal" notice after a firing. */
const recoverWords = new Set(['recover', 'recovery', 'notify-recovery']);

/** Scope, destination, `provisional` and `recover`, in any order, each at most once. */
function parseExtras(
  words: readonly string[],
  entry: string,
): { scope: AlertScope; destination: AlertDestination; provisional: boolean; recover: boolean } {
  let scope: AlertScope | null = null;
  let destination: AlertDestination | null = null;
  let provisional = false;
  let recover = false;
  const setScope = (next: AlertScope) => {
    if (scope !== null) throw usageError('One scope per rule: a surface, a team or a user.', entry);
    scope = next;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const lower = word.toLowerCase();
    const channel = readToken(channelSchema, word);
    if (channel !== null || lower === 'dm') {
      if (destination !== null) throw usageError('One destination per rule: a channel or `dm`.', entry);
      destination = channel === null ? { kind: 'dm' } : { kind: 'channel', channelId: channel.id };
      continue;
    }
    if (lower === 'provisional') {
      provisional = true;
      continue;
    }
    if (recoverWords.has(lower)) {
      recover = true;
      continue;
    }
    if (lower === 'team' || lower === 'user') {
      const value = words[i + 1];
      i++;
      if (lower === 'team') {
        const team = value === undefined ? null : readToken(teamSchema, value);
        if (team === null) throw usageError('Which team? E.g. `team @platform` or `team #payments`.', entry);
        setScope({ kind: 'team', team });
      } else {
        const user = value === undefined ? null : readToken(userMentionSchema, value);
        if (user === null) throw usageError('Which user? Mention them: `user @alex`.', entry);
        setScope({ kind: 'user', slackUserId: user });
      }
      continue;
    }
    const surface = readToken(surfaceTokenSchema, word);
    if (surface !== null) {
      setScope({ kind: 'surface', surface });
      continue;
    }
    throw usageError(`I don't understand ${quoteInput(word)} in an alert rule.`, entry);
  }
  return {
    scope: scope ?? { kind: 'workspace' },
    destination: destination ?? { kind: 'dm' },
    provisional,
    recover,
  };
}
