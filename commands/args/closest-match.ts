/**
 * "Did you mean …?" for mistyped words (`/codex usgae` → `usage`). Optimal string alignment distance:
 * Levenshtein plus adjacent transpositions, the most common typo in a slash command.
 */

// Long input is never a typo of a short command word; capping also bounds the O(n·m) table.
const MAX_INPUT_CHARS = 40;

/** Edit distance counting insertions, deletions, substitutions and adjacent swaps as 1 each. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return at(rows - 1, cols - 1);
}

/**
 * The candidate closest to `input` (case-insensitive), or null when none is plausibly meant: a
 * candidate qualifies when it starts with the input (3+ chars, e.g. `dig` → `digest`) or is within
 * 1 edit (words up to 4 letters) or 2 edits (longer words). Ties go to the earlier candidate.
 */
export function closestMatch(input: string, candidates: readonly string[]): string | null {
  const word = input.toLowerCase();
  if (word.length === 0 || word.length > MAX_INPUT_CHARS) return null;
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const target = candidate.toLowerCase();
    if (word.length >= 3 && target.startsWith(word)) return candidate;
    const distance = editDistance(word, target);
    const allowed = target.length <= 4 ? 1 : 2;
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
