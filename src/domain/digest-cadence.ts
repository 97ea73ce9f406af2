/**
 * How often a digest goes out (issue 11 §3): weekly (the last closed week against the week before),
 * monthly or quarterly (the last closed calendar month or quarter against the previous one, and against
 * the same period a year earlier once history reaches back that far).
 */
import type { CalendarPeriod } from './utc-months.js';

export const digestCadences = ['weekly', 'monthly', 'quarterly'] as const;
export type DigestCadence = (typeof digestCadences)[number];

/** The calendar period a monthly or quarterly digest covers; null for weekly (Monday weeks). */
export function cadencePeriod(cadence: DigestCadence): CalendarPeriod | null {
  return cadence === 'monthly' ? 'month' : cadence === 'quarterly' ? 'quarter' : null;
}
