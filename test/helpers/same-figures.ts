/**
 * Figures from two row sources are "the same" when every field is equal and every number agrees to
 * 1e-9 relative: a sum of credits or USD over the same rows read in another order (the API's order vs
 * the warehouse's (day, user) order) may differ in its last bits, nothing else may.
 */
const RELATIVE = 1e-9;

/** Paths where `actual` and `expected` differ (empty: the same figures). */
export function figureDifferences(actual: unknown, expected: unknown, path = '$'): string[] {
  if (typeof actual === 'number' && typeof expected === 'number') {
    const scale = Math.max(1, Math.abs(actual), Math.abs(expected));
    return Math.abs(actual - expected) <= RELATIVE * scale ? [] : [`${path}: ${actual} ≠ ${expected}`];
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) return [`${path}: length ${actual.length} ≠ ${expected.length}`];
    return actual.flatMap((item, i) => figureDifferences(item, expected[i], `${path}[${i}]`));
  }
  if (isRecord(actual) && isRecord(expected)) {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    return [...keys].flatMap((key) => figureDifferences(actual[key], expected[key], `${path}.${key}`));
  }
  return Object.is(actual, expected)
    ? []
    : [`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
