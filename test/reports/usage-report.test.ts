import { describe, expect, it } from 'vitest';
import { buildUsageReport } from '../../reports/usage/usage-report.js';
import { adoption, freshness, type Scale, scales, usage } from './figure-fixtures.js';
import { expectWithinLimits, visibleText } from './report-assertions.js';

const build = (scale: Scale) =>
  buildUsageReport({ adoption: adoption(scale), usage: usage(scale) }, { freshness: freshness() });

describe('buildUsageReport', () => {
  it.each(scales)('stays within every Slack limit (%s)', (scale) => {
    expectWithinLimits(build(scale));
  });
  it('shows active users overall and by surface, and usage by surface', () => {
    const text = visibleText(build('many'));
    expect(text).toContain('*Active users*\n50,000');
    expect(text).toContain('• CLI — 30,000 (60%)');
    expect(text).toContain('• *All surfaces* — 412.3k threads · 3.5M turns · 1.2M credits · 98.8B tokens');
    expect(text).toContain('• IDE extension — 123.7k threads');
  });
  it('renders unknown tokens as "—", never 0', () => {
    const text = visibleText(build('many'));
    expect(text).toMatch(/• Other — [^\n]* · — tokens/);
    expect(text).not.toMatch(/• Other — [^\n]* · 0 tokens/);
  });
  it('lists top models, escaped, with the rest counted', () => {
    const text = visibleText(build('many'));
    expect(text).toContain('• gpt-5.4 (standard) — 864.2k credits');
    expect(text).toContain('o-&lt;b&gt;&amp;ugly');
    expect(text).toContain('…and 1 more model');
  });
  it('has fallback text, a footer with window, freshness and source, and the adoption chart', () => {
    const m = build('one');
    expect(m.text).toBe('Codex usage, Mon 19 Oct – Sun 15 Nov: 1 active user, 4 threads, 182.5 credits.');
    expect(visibleText(m)).toContain(
      'Mon 19 Oct – Sun 15 Nov (UTC) · Data through Sun 15 Nov; numbers for Sat–Sun may still change · Source: Codex Analytics API',
    );
    expect(m.blocks.at(-1)?.block_id).toBe('report-footer');
    expect(m.charts.map((c) => c.key)).toEqual(['adoption-by-surface']);
  });
  it('from the warehouse, says "data through" once: the warehouse’s, when the window is complete to its end', () => {
    const stored = { ...freshness(), stored: 'synced 1 min ago · data through Sun 22 Nov' };
    const footer = (f: typeof stored) =>
      visibleText(buildUsageReport({ adoption: adoption('one'), usage: usage('one') }, { freshness: f }));
    expect(footer(stored)).toContain(
      'Mon 19 Oct – Sun 15 Nov (UTC) · Numbers for Sat–Sun may still change · Source: Codex Analytics API, synced 1 min ago · data through Sun 22 Nov',
    );
    expect(footer({ ...stored, provisionalDays: [] })).toContain(
      'Mon 19 Oct – Sun 15 Nov (UTC) · Source: Codex Analytics API, synced 1 min ago',
    );
    // A window whose newest complete day is not its last keeps saying where its own data stops.
    expect(footer({ ...stored, newestCompleteDay: '2026-11-13' })).toContain(
      '(UTC) · Data through Fri 13 Nov;',
    );
  });
  it('says so when nothing happened, without a chart', () => {
    const m = build('zero');
    expect(visibleText(m)).toContain('No Codex activity in this window.');
    expect(m.charts).toEqual([]);
  });
});
