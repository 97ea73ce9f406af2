/**
 * Per-user usage rows held as columns instead of objects. A parsed UsageRow costs ~1 KB of heap, so a
 * digest's 90 days × 20,000 users would need ~750 MB as objects; here a row costs ~145 bytes (measured
 * by bench/digest.ts): 4-byte packed numbers (packed-column.ts), interned strings, and `clients[]` /
 * `models[]` items in side tables whose entries for row i follow those of row i − 1.
 *
 * Kept exactly: bucket times, user_id, actor (type, user_id, email), the legacy email, client ids and
 * model/speed as given (unknown values included), threads, turns, credits and the four token counts
 * (null stays null), `cost_usd` and `estimated_cost_usd`. Not kept, read back as null:
 * `code_attribution` — nothing in the figures reads it. Iterating yields one reused view (see src/figures/usage-rows.ts).
 */
import type { UsageRow } from '../codex/schemas.js';
import type { UsageRows } from '../figures/usage-rows.js';
import { ChunkedUint32 } from './chunked-uint32.js';
import { MetricColumns } from './metric-columns.js';
import { PackedColumn } from './packed-column.js';
import type { StoreColumns } from './store-columns.js';
import {
  createInterner,
  type Identity,
  identityKey,
  type ModelKey,
  makeIdentity,
} from './store-interners.js';
import { UsageRowView } from './usage-row-view.js';

/** A growing columnar store of usage rows; iterate it like an array of rows. */
export interface UsageStore extends UsageRows {
  append(row: UsageRow): void;
  /** A fresh plain row object (tests, debugging); iteration is the fast path. */
  rowAt(index: number): UsageRow;
  readonly size: number;
  /** Bytes held by the columns and an estimate for the interned strings. */
  readonly byteLength: number;
}

/** An empty store. */
export function createUsageStore(): UsageStore {
  const identities = createInterner<Identity>();
  const clientIds = createInterner<string | null>();
  const modelKeys = createInterner<ModelKey>();
  const cols: StoreColumns = {
    start: new PackedColumn(1),
    end: new PackedColumn(1),
    identity: new ChunkedUint32(),
    clientEnd: new ChunkedUint32(),
    modelEnd: new ChunkedUint32(),
    totals: new MetricColumns(),
    clientId: new ChunkedUint32(),
    clientMetrics: new MetricColumns(),
    modelKey: new ChunkedUint32(),
    modelMetrics: new MetricColumns(),
    identities: identities.values,
    clientIds: clientIds.values,
    modelKeys: modelKeys.values,
  };
  let size = 0;
  let clientCount = 0;
  let modelCount = 0;

  return {
    append(row) {
      cols.start.set(size, row.start_time);
      cols.end.set(size, row.end_time);
      const key = identityKey(row);
      cols.identity.set(
        size,
        identities.intern(key, () => makeIdentity(row, key)),
      );
      cols.totals.set(size, row.totals);
      for (const client of row.clients) {
        cols.clientId.set(
          clientCount,
          // A missing client_id (null) gets its own entry, apart from every string id.
          clientIds.intern(client.client_id ?? '\u0000', () => client.client_id),
        );
        cols.clientMetrics.set(clientCount++, client);
      }
      for (const model of row.models) {
        const modelId = `${model.model}\u0000${model.speed ?? '\u0001'}`;
        cols.modelKey.set(
          modelCount,
          modelKeys.intern(modelId, () => ({ model: model.model, speed: model.speed })),
        );
        cols.modelMetrics.set(modelCount++, model);
      }
      cols.clientEnd.set(size, clientCount);
      cols.modelEnd.set(size, modelCount);
      size++;
    },
    rowAt(index) {
      if (!(index >= 0 && index < size)) throw new RangeError(`row ${index} of ${size}`);
      return new UsageRowView(cols).moveTo(index).toPlain();
    },
    get size() {
      return size;
    },
    get byteLength() {
      const parts: Array<{ readonly byteLength: number }> = [
        cols.start,
        cols.end,
        cols.identity,
        cols.clientEnd,
        cols.modelEnd,
        cols.totals,
      ];
      parts.push(cols.clientId, cols.clientMetrics, cols.modelKey, cols.modelMetrics);
      parts.push(identities, clientIds, modelKeys);
      return parts.reduce((sum, part) => sum + part.byteLength, 0);
    },
    *[Symbol.iterator]() {
      // A view per iteration, so nested or interleaved iterations never see each other's row.
      const view = new UsageRowView(cols);
      const count = size;
      for (let i = 0; i < count; i++) yield view.moveTo(i);
    },
  };
}
