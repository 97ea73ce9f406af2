/**
 * The days a weekly digest can be scheduled on, as the store keeps them, `/codex digest subscribe`
 * parses them and the scheduler reads them: three-letter ids, Monday first (our weeks start on Monday).
 */
export const digestDays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DigestDay = (typeof digestDays)[number];

/** Each day's full English name, as replies say it ("every Monday at 09:00"). */
export const digestDayNames: Record<DigestDay, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};
