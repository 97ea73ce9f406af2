/**
 * Defensive readers for Block Kit JSON. Blocks reach the playground from the wire (whatever the bot sent
 * to the fake Slack), so the renderer trusts no shape: a missing or mistyped field reads as absent.
 */

/** A plain JSON object. */
export type Rec = Record<string, unknown>;

/** True for a non-null, non-array object. */
export function isRec(value: unknown): value is Rec {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The string at `key`, or undefined. */
export function strAt(record: Rec, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

/** The object at `key`, or undefined. */
export function recAt(record: Rec, key: string): Rec | undefined {
  const value = record[key];
  return isRec(value) ? value : undefined;
}

/** The objects in the array at `key` (anything else in it is skipped). */
export function recsAt(record: Rec, key: string): Rec[] {
  const value = record[key];
  return Array.isArray(value) ? value.filter(isRec) : [];
}

/** The objects of an array value (anything else in it is skipped). */
export function recsOf(value: unknown): Rec[] {
  return Array.isArray(value) ? value.filter(isRec) : [];
}
