/**
 * Opaque page cursors: base64url of `{v, h, b, u}` — a fingerprint of the query it belongs to (h), the
 * first day of the next bucket (b) and the next user index (u). Generating from a position, rather than
 * an offset into materialised rows, is what lets 50,000 users × 90 days page without storing anything.
 * A cursor replayed with different parameters has a different fingerprint and is rejected (422).
 */

import type { EndpointName, SimulatorQuery } from './query-params.js';
import { hashString } from './seeded-random.js';

export interface CursorPosition {
  /** First day of the bucket to resume at. */
  bucket: number;
  /** User index to resume at (0 for workspace-level rows). */
  user: number;
}

/**
 * Fingerprint of everything that shapes the row sequence. `limit` is left out on purpose: changing the
 * page size mid-walk does not change which row comes next.
 */
export function queryFingerprint(endpoint: EndpointName, workspaceId: string, q: SimulatorQuery): string {
  return hashString(
    [endpoint, workspaceId, q.startTime, q.endTime, q.groupBy, q.group ?? ''].join('|'),
  ).toString(36);
}

/** Encodes a position for `next_page`. */
export function encodeCursor(fingerprint: string, position: CursorPosition): string {
  return Buffer.from(JSON.stringify({ v: 1, h: fingerprint, b: position.bucket, u: position.user })).toString(
    'base64url',
  );
}

/** Decodes a cursor; null when it is malformed or was issued for a different query. */
export function decodeCursor(text: string, fingerprint: string): CursorPosition | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { v, h, b, u } = value as Record<string, unknown>;
  if (v !== 1 || h !== fingerprint || !Number.isSafeInteger(b) || !Number.isSafeInteger(u)) return null;
  return { bucket: b as number, user: u as number };
}
