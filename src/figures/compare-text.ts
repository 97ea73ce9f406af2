/**
 * Code-unit ordering of strings (nulls first), so sorted output never depends on the host's locale
 * or ICU data — figures must be identical on every machine.
 */
export function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}
