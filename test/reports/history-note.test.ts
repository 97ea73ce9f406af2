import { describe, expect, it } from 'vitest';
import { header, section } from '../../reports/blocks/block-helpers.js';
import {
  historyClippedNote,
  historyMissingReport,
  withHistoryNote,
} from '../../reports/history/history-note.js';
import { checkLimits } from '../../reports/limits/check-limits.js';

const sec = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;
const start = sec('2026-08-03');

describe('history notes', () => {
  it('names the first day held and the part of the range it covers', () => {
    expect(historyClippedNote(start, { start: sec('2026-06-01'), end: sec('2026-12-01') })).toBe(
      'History starts Mon 3 Aug 2026: Mon 1 Jun – Mon 30 Nov reaches before it, so the figures cover Mon 3 Aug – Mon 30 Nov only.',
    );
  });

  it('goes under the header and first in the fallback text, within limits even on a full message', () => {
    const full = {
      text: 'Codex usage',
      blocks: [header('Codex usage'), ...Array.from({ length: 49 }, (_, i) => section(`line ${i}`))],
      charts: [],
    };
    const noted = withHistoryNote(full, 'History starts Mon 3 Aug 2026.');
    expect(noted.blocks[0]).toMatchObject({ type: 'header' });
    expect(noted.blocks[1]).toMatchObject({ type: 'context' });
    expect(JSON.stringify(noted.blocks[1])).toContain('History starts Mon 3 Aug 2026.');
    expect(noted.text).toBe('History starts Mon 3 Aug 2026. Codex usage');
    expect(checkLimits(noted)).toEqual([]);
  });

  it('answers a range wholly before history, or with no history at all, without figures', () => {
    const before = historyMissingReport(
      'Codex usage',
      { start: sec('2026-03-01'), end: sec('2026-06-01') },
      start,
    );
    expect(before.text).toContain('History starts Mon 3 Aug 2026, after Sun 1 Mar – Sun 31 May ends');
    const none = historyMissingReport(
      'Codex usage',
      { start: sec('2026-03-01'), end: sec('2026-06-01') },
      null,
    );
    expect(none.text).toContain('No history is held yet');
    expect(none.charts).toEqual([]);
  });
});
