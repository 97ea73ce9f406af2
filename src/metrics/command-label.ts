/**
 * The `command` label for a command's first word (commandWord): the word when the registry knows it,
 * 'unknown' otherwise — whatever people type must not become a new time series (label cardinality stays
 * bounded).
 */
export function commandLabel(subcommands: ReadonlyArray<{ name: string }>, word: string): string {
  const first = word.toLowerCase();
  if (first === 'help') return 'help';
  return subcommands.some((s) => s.name.split(/\s+/)[0]?.toLowerCase() === first) ? first : 'unknown';
}
