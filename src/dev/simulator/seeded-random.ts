/**
 * Deterministic randomness for the simulator. Every datum is a pure function of (seed, keys), so any row
 * can be generated on demand in O(1) and two runs with the same seed produce the same bytes.
 * Math.random is never used for data. Callers pass a per-purpose `salt` as one key so unrelated draws
 * (onboarding day, activity, credits…) stay independent.
 */

const TWO_POW_32 = 4_294_967_296;

/** murmur3's 32-bit finaliser: a bijection on uint32 with good avalanche, so distinct inputs stay distinct. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, then finalised: turns the seed string (or any text) into 32 bits. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** 32-bit hash of up to three integer keys under a seed; key order matters. */
export function hashKeys(seed: number, a: number, b = 0, c = 0): number {
  let h = mix32(seed ^ Math.imul(a + 0x7f4a7c15, 0x9e3779b1));
  h = mix32(h + Math.imul(b + 0x165667b1, 0x85ebca77));
  return mix32(h ^ Math.imul(c + 0x27d4eb2f, 0xc2b2ae3d));
}

/** A uniform draw in [0, 1) keyed by (seed, a, b, c). */
export function uniform(seed: number, a: number, b = 0, c = 0): number {
  return hashKeys(seed, a, b, c) / TWO_POW_32;
}

/** A standard normal draw keyed by (seed, a, b, c) (Box–Muller on two derived uniforms). */
export function normal(seed: number, a: number, b = 0, c = 0): number {
  const h = hashKeys(seed, a, b, c);
  const u1 = (h + 1) / (TWO_POW_32 + 1); // never 0, so the log is finite
  const u2 = mix32(h ^ 0x5bd1e995) / TWO_POW_32;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** A stream of uniforms in [0, 1) (mulberry32): for sequential decisions such as fault injection. */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  };
}

/** Picks an index from non-negative weights with a uniform `u` in [0, 1); -1 when every weight is 0. */
export function pickWeighted(weights: readonly number[], u: number): number {
  let total = 0;
  for (const w of weights) total += w;
  if (total <= 0) return -1;
  let target = u * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i] ?? 0;
    if (target < 0) return i;
  }
  return weights.length - 1;
}

/**
 * Splits a non-negative integer `total` in proportion to `weights`, exactly, so breakdowns sum to their
 * totals without float drift. Leftover units go to the first shares (callers list the primary first).
 */
export function splitInteger(total: number, weights: readonly number[]): number[] {
  let sum = 0;
  for (const w of weights) sum += w;
  if (sum <= 0 || weights.length === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total;
  for (const p of parts) rest -= p;
  // The leftover is smaller than weights.length, so one pass over the shares hands it all out.
  for (let i = 0; rest > 0; i = (i + 1) % parts.length, rest--) parts[i] = (parts[i] ?? 0) + 1;
  return parts;
}
