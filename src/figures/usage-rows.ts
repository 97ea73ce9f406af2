import type { UsageRow } from '../codex/schemas.js';

/**
 * The per-user usage rows a figure function reads. An Iterable rather than an array so a caller can
 * hand in a lazy view (src/analytics/row-filters.ts yields ONE reused row object per iteration).
 *
 * Contract for every function taking it: iterate as often as needed, but never keep a row object (or
 * its `totals` / `clients` / `models` objects) past the step that read it — copy numbers and strings
 * out. Each `[Symbol.iterator]()` call gets its own view, so iterations may nest.
 */
export type UsageRows = Iterable<UsageRow>;
