/**
 * The first word of a command's text as typed ('help' when there is none): which command it is. Split
 * once per command where the text arrives (codex-command.ts, app-mention.ts), then passed along to the
 * log line, the metrics label and the registry lookups (issue 10).
 */
export function commandWord(text: string): string {
  return text.trim().split(/\s+/)[0] || 'help';
}
