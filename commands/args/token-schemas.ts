/**
 * zod schemas for single argument words (everything except ranges, see parse-range.ts). Each takes
 * the raw token and yields the typed value, so the vocabulary of `/codex` lives in one place and the
 * value types come from `z.infer`.
 */
import { z } from 'zod';
import { digestCadences } from '../../src/domain/digest-cadence.js';
import { type DigestDay, digestDayNames, digestDays } from '../../src/domain/digest-days.js';
import { digestStyles } from '../../src/domain/digest-styles.js';
import { type Surface, surfaceLabels, surfaces } from '../../src/domain/surfaces.js';
import type { RankKey } from '../../src/figures/figure-types.js';

const word = z.string().toLowerCase();

/** `cli`, `IDE`, `ide-extension`, `review`, `code-review`, `Code_Review`… → the Surface id. */
const surfaceAliases: ReadonlyMap<string, Surface> = new Map<string, Surface>([
  ...surfaces.map((s): [string, Surface] => [s, s]),
  ...surfaces.map((s): [string, Surface] => [surfaceLabels[s].toLowerCase().replaceAll(' ', '-'), s]),
  ['code-review', 'code_review'],
  ['review', 'code_review'],
  ['codereview', 'code_review'],
]);

/** The surface words offered in hints and did-you-mean. */
export const surfaceWords = ['cli', 'ide', 'cloud', 'desktop', 'review', 'code-review', 'other'] as const;

export const surfaceTokenSchema = word.pipe(
  z.string().transform((s, ctx): Surface => {
    const surface = surfaceAliases.get(s);
    if (surface === undefined) {
      ctx.addIssue({ code: 'custom', message: 'not a surface' });
      return z.NEVER;
    }
    return surface;
  }),
);

export const rankKeys = [
  'credits',
  'threads',
  'turns',
  'tokens',
  'streak',
] as const satisfies readonly RankKey[];
export const rankKeySchema = word.pipe(z.enum(rankKeys));

/** `top N`: how many users, 1..50. Digits only, so `20d` stays a range. */
export const MAX_TOP = 50;
export const DEFAULT_TOP = 10;
export const countTokenSchema = z.string().regex(/^\d+$/);
export const countSchema = countTokenSchema.transform(Number).pipe(z.number().int().min(1).max(MAX_TOP));

export const exportKinds = ['usage', 'users', 'reviews'] as const;
export type ExportKind = (typeof exportKinds)[number];
export const exportKindSchema = word.pipe(z.enum(exportKinds));

export const exportFormats = ['csv', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const exportFormatSchema = word.pipe(z.enum(exportFormats));

export const digestStyleSchema = word.pipe(z.enum(digestStyles));

/** `weekly`, `Monthly`, `QUARTERLY` → how often a digest goes out (issue 11 §3). */
export const digestCadenceSchema = word.pipe(z.enum(digestCadences));

/** `monday` … `sunday`, in the order of `digestDays`. */
export const fullDayNames: readonly string[] = digestDays.map((day) => digestDayNames[day].toLowerCase());
// A Map, not an object literal: `constructor` or `__proto__` typed by a person must not hit a prototype.
const extraDayNames: ReadonlyMap<string, DigestDay> = new Map<string, DigestDay>([
  ['tues', 'tue'],
  ['weds', 'wed'],
  ['thur', 'thu'],
  ['thurs', 'thu'],
]);

/** `mon`, `Monday`, `THURS` → the three-letter day. */
export const digestDaySchema = word.pipe(
  z.string().transform((s, ctx): DigestDay => {
    const index = digestDays.indexOf(s as DigestDay);
    const full = fullDayNames.indexOf(s);
    const day = index >= 0 ? digestDays[index] : full >= 0 ? digestDays[full] : extraDayNames.get(s);
    if (day === undefined) {
      ctx.addIssue({ code: 'custom', message: 'not a day of the week' });
      return z.NEVER;
    }
    return day;
  }),
);

/** 24-hour `HH:MM` (`9:00` accepted) → zero-padded `09:00`. */
export const timeOfDaySchema = z
  .string()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/)
  .transform((s) => s.padStart(5, '0'));

/**
 * An IANA time zone (any case) → the name to store, e.g. `europe/paris` → `Europe/Paris`. Intl is
 * the authority on validity: it is what the scheduler will format with. Node's ICU resolves some
 * current names to legacy ones (`Asia/Kolkata` → `Asia/Calcutta`); we keep the person's name then,
 * only fixing its case, because that is the name they will recognise in `digest list`.
 */
export const timeZoneSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/)
  .transform((s, ctx) => {
    let resolved: string;
    try {
      resolved = new Intl.DateTimeFormat('en', { timeZone: s }).resolvedOptions().timeZone;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not an IANA time zone' });
      return z.NEVER;
    }
    return resolved.toLowerCase() === s.toLowerCase() ? resolved : zoneCase(s);
  });

/** `us/eastern` → `US/Eastern`, `asia/kolkata` → `Asia/Kolkata`: IANA's capitalisation habits. */
function zoneCase(zone: string): string {
  return zone
    .split('/')
    .map((part, i) =>
      i === 0 && part.length <= 3
        ? part.toUpperCase()
        : part
            .toLowerCase()
            .replace(/(^|[_-])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase()),
    )
    .join('/');
}

/**
 * A channel as Slack sends it when the slash command escapes channels: `<#C0123|general>`,
 * `<#C0123|>` or `<#C0123>`. We keep the id (names change) and the name for replies.
 */
export const channelSchema = z
  .string()
  .regex(/^<#([A-Z0-9]{2,30})(?:\|([^<>|]{0,80}))?>$/)
  .transform((s) => {
    const [, id = '', name = ''] = /^<#([A-Z0-9]+)(?:\|([^<>|]*))?>$/.exec(s) ?? [];
    return { id, name: name === '' ? null : name };
  });

/** A digest subscription id as the store prints it in `digest list`. */
export const subscriptionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** The typed value of a schema for one token, or null when the token is not of that kind. */
export function readToken<T>(schema: z.ZodType<T, string>, token: string): T | null {
  const result = schema.safeParse(token);
  return result.success ? result.data : null;
}
