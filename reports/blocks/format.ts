/**
 * Number, delta and date formatting for every message. Deterministic: fixed 'en-US' grouping and UTC
 * dates, so a report reads the same on every host (no clock, no host locale).
 */

import type { TimeWindow } from '../../src/domain/utc-days.js';
import { periodContaining } from '../../src/domain/utc-months.js';
import type { Delta } from '../../src/figures/figure-types.js';

/** Shown for a value the API did not report (null): unknown is never rendered as 0. */
export const unknownValue = '—';

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const groupedOneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** A full integer with thousands separators: 49,990. */
export function formatInteger(n: number): string {
  return grouped.format(n);
}

/** A count with its noun, singular for exactly one: "1 active user", "461 active users". */
export function formatCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(n)} ${n === 1 ? singular : plural}`;
}

/** Compact count: 1,234 below ten thousand, then 12.3k, 1.2M, 3.4B. */
export function formatNumber(n: number): string {
  const abs = Math.abs(n);
  if (Math.round(abs) < 10_000) return grouped.format(n);
  const units: Array<[number, string]> = [
    [1e3, 'k'],
    [1e6, 'M'],
    [1e9, 'B'],
  ];
  for (const [size, unit] of units) {
    const scaled = Math.round((abs / size) * 10) / 10;
    // 999,960 would round to "1000.0k": move on to the next unit up instead.
    if (scaled < 1000 || unit === 'B')
      return `${n < 0 ? '-' : ''}${scaled.toFixed(1).replace(/\.0$/, '')}${unit}`;
  }
  return grouped.format(n);
}

/** Credits are fractional: one decimal below ten thousand (182.5), compact above (12.3k). */
export function formatCredits(n: number): string {
  return Math.abs(n) < 10_000 ? groupedOneDecimal.format(n) : formatNumber(n);
}

/**
 * USD the API gave (billed or estimated), always marked an estimate: "≈ $7.30 est." below $100,
 * "≈ $1,234 est." below ten thousand, then "≈ $12.3k est.".
 */
export function formatUsdEstimate(usd: number): string {
  const abs = Math.abs(usd);
  const amount = abs < 100 ? abs.toFixed(2) : abs < 10_000 ? grouped.format(abs) : formatNumber(abs);
  return `≈ ${usd < 0 ? '-' : ''}$${amount} est.`;
}

/** Tokens: compact, and "—" when the API reported none (null = unknown, not zero). */
export function formatTokens(n: number | null): string {
  return n === null ? unknownValue : formatNumber(n);
}

/** A 0..1 ratio as a percentage: 12%, 4.2% below ten, "—" when unknown. */
export function formatPercent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return unknownValue;
  // Rounded once, from the ratio: 5 of 11 (45.45%) is 45%, where rounding to 45.5 first made it 46%.
  const pct = ratio * 100;
  return `${Math.abs(pct) >= 10 ? Math.round(pct) : Math.round(pct * 10) / 10}%`;
}

/** How a delta's values read: counts (461), credits (182.5) or shares (82%, compared in points). */
export type DeltaKind = 'count' | 'credits' | 'share';

function formatValue(value: number | null, kind: DeltaKind): string {
  if (value === null) return unknownValue;
  if (kind === 'share') return formatPercent(value);
  return kind === 'credits' ? formatCredits(value) : formatNumber(value);
}

/** A value in full: 49,960 and 12,344.1 instead of 50k and 12.3k. */
function formatFullValue(value: number, kind: DeltaKind): string {
  if (kind === 'share') return formatPercent(value);
  return kind === 'credits' ? groupedOneDecimal.format(value) : grouped.format(value);
}

/**
 * Both values of a delta as a reader compares them. Compact forms that hide a real change ("50k → 50k"
 * for 49,950 → 49,960) read as a contradiction next to an arrow, so those are shown in full.
 */
export function deltaValues(delta: Delta, kind: DeltaKind): { previous: string; current: string } {
  const previous = formatValue(delta.previous, kind);
  const current = formatValue(delta.current, kind);
  if (previous !== current || delta.previous === null || delta.current === null) return { previous, current };
  // Exactly equal needs no extra decimal: "no change (33.3% → 33.3%)" beside "33%" read as two figures.
  if (delta.previous === delta.current) return { previous, current };
  if (kind === 'share') {
    // "▼ 0.8 pts (84% → 84%)" contradicted itself: one more decimal shows the change the arrow names.
    return { previous: formatPercentFine(delta.previous), current: formatPercentFine(delta.current) };
  }
  return { previous: formatFullValue(delta.previous, kind), current: formatFullValue(delta.current, kind) };
}

/** A share with one decimal more than formatPercent: 84.4% (8.44% below ten). */
function formatPercentFine(ratio: number): string {
  const pct = ratio * 100;
  return `${Math.abs(pct) >= 10 ? pct.toFixed(1) : pct.toFixed(2)}%`;
}

/** Share points of a change at the precision shown (0.1 pt); 0 when the change is too small to show. */
function sharePoints(change: number): number {
  return Math.round(Math.abs(change) * 1000) / 10;
}

/** A relative change as a percentage; one that rounds to 0% reads "<0.1%", so an arrow never points at 0%. */
export function formatChangeRatio(ratio: number): string {
  return Math.round(Math.abs(ratio) * 1000) === 0 ? '<0.1%' : formatPercent(Math.abs(ratio));
}

/**
 * A change with its arrow and both values, so a reader sees the denominator:
 * "▲ 12% (412 → 461)", "▼ 3 pts (85% → 82%)", "no change (40 → 40)", "▲ new (0 → 12)". Shares that
 * round to the same whole percent show one more decimal ("▼ 0.8 pts (84.4% → 83.6%)"), and a change
 * invisible even then reads "no change (84% → 84%)".
 */
export function formatDelta(delta: Delta, kind: DeltaKind): string {
  const shown = deltaValues(delta, kind);
  const values = `(${shown.previous} → ${shown.current})`;
  if (delta.change === null) return `no comparison ${values}`;
  if (delta.change === 0) return `no change ${values}`;
  // The values a reader sees decide: equal even at one more decimal is no change, never an arrow.
  if (kind === 'share' && shown.previous === shown.current) return `no change ${values}`;
  const arrow = delta.change > 0 ? '▲' : '▼';
  if (kind === 'share') {
    const points = sharePoints(delta.change);
    if (points === 0) return `${arrow} <0.1 pts ${values}`;
    return `${arrow} ${points} ${points === 1 ? 'pt' : 'pts'} ${values}`;
  }
  if (delta.ratio === null) return `${arrow} new ${values}`;
  return `${arrow} ${formatChangeRatio(delta.ratio)} ${values}`;
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** A UTC date from Unix seconds: "Mon 16 Nov" (with the year when asked: "Mon 16 Nov 2026"). */
export function formatDate(unixSeconds: number, withYear = false): string {
  const d = new Date(unixSeconds * 1000);
  const text = `${weekdays[d.getUTCDay()]} ${d.getUTCDate()} ${months[d.getUTCMonth()]}`;
  return withYear ? `${text} ${d.getUTCFullYear()}` : text;
}

/** A calendar month or quarter by its start: "Nov 2026", "Q4 2026" (issue 11 §3). */
export function formatPeriod(unixSeconds: number, period: 'month' | 'quarter'): string {
  const d = new Date(unixSeconds * 1000);
  const year = d.getUTCFullYear();
  return period === 'month'
    ? `${months[d.getUTCMonth()]} ${year}`
    : `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${year}`;
}

/**
 * A month or quarter bucket that the window clips, by the days it holds: "8–30 Sep 2026",
 * "1 Oct–30 Nov 2026"; a whole one by its name, as formatPeriod. A clipped bucket named like a whole one
 * ("Q4 2026" for October and November) would read as the whole period's figures.
 */
export function formatPeriodSpan(span: TimeWindow, period: 'month' | 'quarter'): string {
  const whole = periodContaining(span.start, period);
  if (span.start === whole.start && span.end === whole.end) return formatPeriod(span.start, period);
  const first = new Date(span.start * 1000);
  const last = new Date(Math.max(span.start, span.end - 1) * 1000);
  const year = last.getUTCFullYear();
  const lastDay = `${last.getUTCDate()} ${monthShort(last)} ${year}`;
  if (first.getUTCMonth() !== last.getUTCMonth())
    return `${first.getUTCDate()} ${monthShort(first)}–${lastDay}`;
  return first.getUTCDate() === last.getUTCDate() ? lastDay : `${first.getUTCDate()}–${lastDay}`;
}

function monthShort(d: Date): string {
  return months[d.getUTCMonth()] ?? '';
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** A whole calendar month by its start, in full: "November 2026". */
export function formatMonthName(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  return `${monthNames[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** A 'YYYY-MM-DD' day as "Sat 14 Nov". */
export function formatDay(isoDay: string): string {
  return formatDate(Date.parse(`${isoDay}T00:00:00Z`) / 1000);
}

/** The short weekday of a 'YYYY-MM-DD' day: "Sat". */
function formatWeekday(isoDay: string): string {
  return weekdays[new Date(`${isoDay}T00:00:00Z`).getUTCDay()] ?? isoDay;
}

/**
 * A window (end exclusive) as its first and last day: "Mon 9 Nov – Sun 15 Nov"; one day alone when it
 * spans a single day; years added when it crosses a year boundary.
 */
export function formatWindow(window: TimeWindow): string {
  const lastSecond = Math.max(window.start, window.end - 1);
  const first = new Date(window.start * 1000);
  const last = new Date(lastSecond * 1000);
  const crossesYear = first.getUTCFullYear() !== last.getUTCFullYear();
  const from = formatDate(window.start, crossesYear);
  const to = formatDate(lastSecond, crossesYear);
  return from === to ? from : `${from} – ${to}`;
}

/**
 * Days that may still change, compactly: "Sun", "Sat–Sun", "Thu, Sat". Weekday names suffice because
 * provisional days are the last few of the window; longer lists fall back to dates.
 */
export function formatDayList(isoDays: readonly string[]): string {
  const days = [...isoDays].sort();
  const first = days[0];
  const last = days.at(-1);
  if (first === undefined || last === undefined) return '';
  const span = (Date.parse(last) - Date.parse(first)) / 86_400_000;
  if (span >= 7) return `${formatDay(first)}–${formatDay(last)}`;
  if (days.length === 1) return formatWeekday(first);
  if (span === days.length - 1) return `${formatWeekday(first)}–${formatWeekday(last)}`;
  return days.map(formatWeekday).join(', ');
}

/** An ISO instant as "Mon 16 Nov 09:05 UTC" (for "figures as of"). */
export function formatTimestamp(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(ms / 1000)} ${hh}:${mm} UTC`;
}
