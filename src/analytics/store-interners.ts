/**
 * String tables of the usage store: each distinct user identity, client id and model/speed pair is kept
 * once and rows hold its index. A user's identity (user_id, actor, legacy email) rarely changes, so
 * 90 daily rows of one user share one entry.
 */
import type { UsageRow } from '../codex/schemas.js';

/** One distinct (user_id, actor, email) combination, exactly as the API gave it. */
export interface Identity {
  readonly key: string;
  readonly user_id: string | null;
  /** Frozen: every row of this identity hands out the same object. */
  readonly actor: UsageRow['actor'];
  readonly email: string | null;
}

export interface ModelKey {
  readonly model: string;
  readonly speed: string | null;
}

export interface Interner<T> {
  readonly values: readonly T[];
  /** Index of `key`, adding `make()` on first sight. */
  intern(key: string, make: () => T): number;
  /** Estimated heap bytes: key strings (2 bytes a character) plus Map and object overhead. */
  readonly byteLength: number;
}

/** An empty table. */
export function createInterner<T>(): Interner<T> {
  const values: T[] = [];
  const index = new Map<string, number>();
  let keyChars = 0;
  return {
    values,
    intern(key, make) {
      const found = index.get(key);
      if (found !== undefined) return found;
      index.set(key, values.length);
      values.push(make());
      keyChars += key.length;
      return values.length - 1;
    },
    get byteLength() {
      return keyChars * 2 + values.length * 120;
    },
  };
}

// Separators that cannot occur in ids or emails the API sends, and a marker for null.
const SEP = '\u001f';
const NULL = '\u0000';
const part = (value: string | null | undefined) => (value == null ? NULL : value);

/** A key per distinct identity that tells null apart from every string (and actor null from {}). */
export function identityKey(row: UsageRow): string {
  const actor = row.actor;
  const base = `${part(row.user_id)}${SEP}${part(row.email)}`;
  return actor === null
    ? base
    : `${base}${SEP}${part(actor.type)}${SEP}${part(actor.user_id)}${SEP}${part(actor.email)}`;
}

/** The identity entry for a key seen for the first time. */
export function makeIdentity(row: UsageRow, key: string): Identity {
  const actor = row.actor;
  return {
    key,
    user_id: row.user_id,
    actor:
      actor === null ? null : Object.freeze({ type: actor.type, user_id: actor.user_id, email: actor.email }),
    email: row.email,
  };
}
