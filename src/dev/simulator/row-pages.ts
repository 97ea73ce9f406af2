/**
 * Turns a validated query into one page of rows, generated on demand from a cursor position. Buckets are
 * aligned calendar days or Monday-based weeks overlapping [start_time, end_time), limited to days that
 * exist (from the org's first day up to the running day). A week row is the sum of its day rows.
 */
import { bucketDays, bucketStartDay, dayOf, type GroupBy } from './calendar.js';
import type { CursorPosition } from './cursor.js';
import { userVisibleFraction } from './late-rows.js';
import type { EndpointName, SimulatorQuery } from './query-params.js';
import {
  addReviews,
  codeReviewResponseRowJson,
  codeReviewRowJson,
  reviewDay,
  zeroReviews,
} from './review-rows.js';
import { nowSeconds, visibleFraction } from './simulated-org.js';
import type { SimulatorData } from './simulator-data.js';
import { usageRowJson } from './usage-json.js';
import { addRecord, emptyRecord, type UsageRecord } from './usage-record.js';
import { userDayUsage } from './usage-rows.js';

export interface RowPage {
  /** Each row as JSON text (usage rows are serialised directly, see usage-json.ts). */
  rows: string[];
  /** Where the next page starts; null on the last page. */
  next: CursorPosition | null;
}

/** First days of the buckets the query covers that hold any data, in time order. */
export function bucketsFor(data: SimulatorData, q: SimulatorQuery): number[] {
  const today = dayOf(nowSeconds(data.org));
  const first = bucketStartDay(Math.max(dayOf(q.startTime), data.org.orgStartDay), q.groupBy);
  const last = bucketStartDay(Math.min(dayOf(q.endTime - 1), today), q.groupBy);
  const out: number[] = [];
  for (let day = first; day <= last; day += bucketDays(q.groupBy)) out.push(day);
  return out;
}

/** True when `position` points into `buckets` and the user range. */
export function isValidPosition(data: SimulatorData, buckets: readonly number[], p: CursorPosition): boolean {
  return buckets.includes(p.bucket) && p.user >= 0 && p.user < data.org.users;
}

/** One page for `endpoint`, starting at `from` (null = the beginning). */
export function rowPage(
  data: SimulatorData,
  endpoint: EndpointName,
  q: SimulatorQuery,
  from: CursorPosition | null,
): RowPage {
  const buckets = bucketsFor(data, q);
  const startIndex = from ? buckets.indexOf(from.bucket) : 0;
  const days = bucketDays(q.groupBy);
  const now = nowSeconds(data.org);
  // A bucket holding the running day (incomplete at `now`) lacks the optional fields (issue 9, part 3).
  const today = dayOf(now);
  const running = (start: number) => start <= today && today < start + days;
  if (endpoint === 'usage' && q.group === null)
    return userRowsPage(data, buckets, startIndex, from?.user ?? 0, q, now);

  const rows: string[] = [];
  const end = Math.min(buckets.length, startIndex + q.limit);
  for (let k = startIndex; k < end; k++) {
    const start = buckets[k] ?? 0;
    if (endpoint === 'usage') {
      const total = emptyRecord();
      for (let d = start; d < start + days; d++) {
        addRecord(total, data.workspaceDay(d, now));
      }
      rows.push(usageRowJson(total, start, days, null, running(start)));
    } else {
      const counts = zeroReviews();
      for (let d = start; d < start + days; d++) {
        addReviews(counts, reviewDay(data.org, d, visibleFraction(data.org, d, now)));
      }
      const row =
        endpoint === 'code_reviews'
          ? codeReviewRowJson(counts, start, days, running(start))
          : codeReviewResponseRowJson(counts, start, days, running(start));
      rows.push(JSON.stringify(row));
    }
  }
  const nextBucket = buckets[end];
  return { rows, next: nextBucket === undefined ? null : { bucket: nextBucket, user: 0 } };
}

/** Per-user usage rows: bucket by bucket, users in index order, skipping users with no activity. */
function userRowsPage(
  data: SimulatorData,
  buckets: readonly number[],
  startIndex: number,
  startUser: number,
  q: SimulatorQuery,
  now: number,
): RowPage {
  const rows: string[] = [];
  const days = bucketDays(q.groupBy);
  const today = dayOf(now);
  let user = startUser;
  for (let k = startIndex; k < buckets.length; k++, user = 0) {
    const start = buckets[k] ?? 0;
    const running = start <= today && today < start + days;
    for (; user < data.org.users; user++) {
      const record = userBucketUsage(data, user, start, q.groupBy, now);
      if (!record) continue;
      // The page is full and another row exists: that row is where the next page starts.
      if (rows.length === q.limit) return { rows, next: { bucket: start, user } };
      rows.push(usageRowJson(record, start, days, data.profile(user), running));
    }
  }
  return { rows, next: null };
}

/** One user's usage over the bucket starting on `start`, or null when they were inactive throughout. */
export function userBucketUsage(
  data: SimulatorData,
  user: number,
  start: number,
  groupBy: GroupBy,
  now: number,
): UsageRecord | null {
  const profile = data.profile(user);
  const on = (day: number) =>
    userDayUsage(data.org, profile, day, userVisibleFraction(data.org, user, day, now));
  if (groupBy === 'day') return on(start);
  let total: UsageRecord | null = null;
  for (let d = start; d < start + 7; d++) {
    const day = on(d);
    if (!day) continue;
    total ??= emptyRecord();
    addRecord(total, day);
  }
  return total;
}
