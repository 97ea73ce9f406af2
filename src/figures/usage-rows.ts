import type { UsageRow } from '../codex/schemas.js';

/**
 * The per-user usage rows a figure function reads. An Iterable rather than an array so the analytics
 * layer can hand in its compact columnar store (src/analytics/usage-store.ts), which yields ONE reused
 * row view per iteration instead of ~1 KB of objects per row.
 *
 * Contract for every function taking it: iterate as often as needed, but never keep a row object (or
 * its `totals` / `clients` / `models` objects) past the step that read it — copy numbers and strings
 * out. Each `[Symbol.iterator]()` call gets its own view, so iterations may nest.
 */
export type UsageRows = Iterable<UsageRow>;
