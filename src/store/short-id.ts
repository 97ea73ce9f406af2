import { randomInt } from 'node:crypto';

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
