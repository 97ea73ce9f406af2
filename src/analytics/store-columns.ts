/**
 * The usage store's columns (usage-store.ts), in their own file so the row view reads them without
 * importing the store that creates views (issue 10: no file cycles).
 */
import type { ChunkedUint32 } from './chunked-uint32.js';
import type { MetricColumns } from './metric-columns.js';
import type { PackedColumn } from './packed-column.js';
import type { Identity, ModelKey } from './store-interners.js';

/** What the row view reads; the store's internals, shared read-only. */
export interface StoreColumns {
  readonly start: PackedColumn;
  readonly end: PackedColumn;
  readonly identity: ChunkedUint32;
  /** Number of client entries after row i: row i's clients are [clientEnd[i − 1], clientEnd[i]). */
  readonly clientEnd: ChunkedUint32;
  readonly modelEnd: ChunkedUint32;
  readonly totals: MetricColumns;
  readonly clientId: ChunkedUint32;
  readonly clientMetrics: MetricColumns;
  readonly modelKey: ChunkedUint32;
  readonly modelMetrics: MetricColumns;
  readonly identities: readonly Identity[];
  readonly clientIds: ReadonlyArray<string | null>;
  readonly modelKeys: readonly ModelKey[];
}
