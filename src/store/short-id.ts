import { randomInt } from 'node:crypto';
import { CodexPulseError } from '../errors.js';

/** Lowercase letters and digits minus the look-alikes (0/o, 1/l/i), so an id read aloud or off a screen types right. */
export const SHORT_ID_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
/** Five characters: short enough to type from a Slack message, roomy enough to rarely collide. */
const SHORT_ID_LENGTH = 5;

/** A short random id such as `d7k3q` (31⁵ ≈ 28.6 million values; callers retry on a collision). */
export function shortId(length: number = SHORT_ID_LENGTH): string {
  let id = '';
  for (let i = 0; i < length; i += 1) id += SHORT_ID_ALPHABET[randomInt(SHORT_ID_ALPHABET.length)];
  return id;
}

/** Ids are typed by people: accept `D7K3Q` or ` d7k3q ` for `d7k3q`. */
export function normalizeShortId(id: string): string {
  return id.trim().toLowerCase();
}

/** With 28.6 million ids a collision is rare; several in a row means something else is wrong. */
const MAX_ID_ATTEMPTS = 8;

/**
 * Inserts a row under a fresh short id, trying another id on a collision: `insert` runs an
 * `INSERT … ON CONFLICT (id) DO NOTHING RETURNING …` with the id it is given and returns the row, or
 * undefined when the id was taken (no aborted transaction, no driver-specific error codes, and ids of
 * removed rows are never reused). Throws store_id_exhausted after MAX_ID_ATTEMPTS collisions.
 */
export async function insertWithFreshId<T>(
  newId: () => string,
  what: string,
  insert: (id: string) => Promise<T | undefined>,
): Promise<T> {
  for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt += 1) {
    const row = await insert(newId());
    if (row !== undefined) return row;
  }
  throw new CodexPulseError('store_id_exhausted', `No free ${what} id after ${MAX_ID_ATTEMPTS} attempts`);
}
