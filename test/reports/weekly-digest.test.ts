import { describe, expect, it } from 'vitest';
import { buildWeeklyDigest } from '../../reports/digest/weekly-digest.js';
import { checkThreadLimits } from '../../reports/limits/slack-limits.js';
import { buildDigestReport } from '../../src/digests/build-digest-report.js';
import { digest, freshness, hostileLabels, scales } from './figure-fixtures.js';
import { expectThreadWithinLimits, visibleText } from './report-assertions.js';

describe('buildWeeklyDigest', () => {
  it.each(scales)('keeps parent and every reply within every Slack limit (%s)', (scale) => {
    const report = buildWeeklyDigest(digest(scale));
    expectThreadWithinLimits(report);
    expect(checkThreadLimits(report)).toEqual([]);
  });
  it('opens with five KPIs, week-over-week arrows and denominators, and one chart', () => {
    const { parent } = buildWeeklyDigest(digest('many'));
    const text = visibleText(parent);
    expect(text).toContain('Codex weekly digest · Mon 9 Nov – Sun 15 Nov');
    expect(text).toContain('*Active users*\n50k\n▲ 25% (40k → 50k)');
    expect(text).toContain('*Credits*\n1.2M\n▼ 3% (1.3M → 1.2M)');
    expect(text).toContain('*Threads*\n412.3k\nno change (412.3k → 412.3k)');
    expect(text).toContain('*PRs reviewed*\n18k\n▲ 13% (16k → 18k)');
    expect(text).toContain('*Positive review share*\n82%\n▲ 4 pts (78% → 82%)');
    expect(parent.charts).toHaveLength(1);
    expect(parent.text).toContain('Active users rose 25% week over week to 50k');
  });
  it('threads adoption, credits and tokens, top users, Code Review and data notes', () => {
    const { parent, replies } = buildWeeklyDigest(digest('many'));
    expect(visibleText(parent)).toContain(
      'Details in the thread: adoption, credits and tokens, top users, Code Review and data notes.',
    );
    expect(replies.map((r) => r.text.split(',')[0])).toEqual([
      'Adoption by surface',
      'Credits and tokens',
      'Top users',
      'Code Review',
      'Data notes for the Codex digest',
    ]);
    const [, credits, top, review, notes] = replies.map(visibleText);
    expect(credits).toContain('Tokens: 98.8B total — 14.8B uncached input, 79B cached input, 4.9B output');
    expect(top).toContain('…and 49,990 more');
    expect(review).toContain('*PRs reviewed*\n18,000');
    // A weekly reply trends over weeks (issue 9: it said "Trend Tue 24 Nov → Wed 25 Nov").
    expect(review).toContain('*Trend* week of Mon 2 Nov → week of Mon 9 Nov: PRs reviewed ▲ 13% (16k → 18k)');
    expect(review).toContain('positive share ▲ 4 pts (78% → 82%)');
    expect(notes).toContain('numbers for Sat–Sun may still change');
    expect(notes).toContain('Figures as of Mon 16 Nov 09:05 UTC');
  });
  it('names one "data through" day in its data notes when the figures come from the warehouse', () => {
    const notesOf = (figures: ReturnType<typeof digest>) => {
      const last = buildWeeklyDigest(figures).replies.at(-1);
      if (last === undefined) throw new Error('the digest has no data notes');
      return visibleText(last);
    };
    // A closed week read from a warehouse synced to a later day: the notes said "Data through Sun 15 Nov.
    // Figures as of …, from the Codex Analytics API (synced 1 h ago · data through Mon 16 Nov)."
    const fromWarehouse = {
      ...digest('one'),
      freshness: {
        ...freshness(false),
        stored: 'synced 1 h ago · data through Mon 16 Nov',
      },
    };
    const notes = notesOf(fromWarehouse);
    // The footer repeats the warehouse's day; no second, different day is named.
    expect(new Set(notes.match(/data through \w+ \d+ \w+/gi))).toEqual(new Set(['data through Mon 16 Nov']));
    expect(notes).toContain(
      'The figures cover Mon 9 Nov – Sun 15 Nov, complete days only. Figures as of Mon 16 Nov 09:05 UTC, from the Codex Analytics API (synced 1 h ago · data through Mon 16 Nov).',
    );
    // With late days still open, it says which.
    const provisional = { ...fromWarehouse, freshness: { ...fromWarehouse.freshness, ...freshness(true) } };
    expect(notesOf(provisional)).toContain('complete days only; numbers for Sat–Sun may still change');
  });
  it('gives every message a fallback text and a footer naming the source', () => {
    const report = buildWeeklyDigest(digest('one'));
    for (const m of [report.parent, ...report.replies]) {
      expect(m.text.length).toBeGreaterThan(10);
      expect(m.blocks.at(-1)?.block_id).toBe('report-footer');
      expect(visibleText(m)).toContain('Source: Codex Analytics API');
    }
  });
  it('shows first-week and unknown comparisons honestly', () => {
    const text = visibleText(buildWeeklyDigest(digest('one')).parent);
    expect(text).toContain('*Active users*\n1\n▲ new (0 → 1)');
    expect(text).toContain('*Positive review share*\n—\nno comparison (— → —)');
  });
  it('escapes hostile labels in the top-users reply', () => {
    const top = visibleText(
      buildWeeklyDigest(digest('many', { labels: hostileLabels })).replies[2] ?? {
        text: '',
        blocks: [],
        charts: [],
      },
    );
    expect(top).toContain('&lt;!channel&gt;');
    expect(top).not.toContain('<!channel>');
  });
  it('handles zero activity without charts that would be empty', () => {
    const report = buildWeeklyDigest(digest('zero'));
    expect([report.parent, ...report.replies].flatMap((m) => m.charts)).toEqual([]);
    expect(visibleText(report.parent)).toContain('No Codex activity this week or the week before.');
  });
});

describe('a team digest (issue 12 §3)', () => {
  it('names the team in the header and marks Code Review workspace-wide, in both styles', () => {
    const figures = digest('many');
    for (const style of ['standard', 'leadership'] as const) {
      const team = buildDigestReport(style, figures, 10, '@platform');
      const workspace = buildDigestReport(style, figures, 10);
      expectThreadWithinLimits(team);
      const parent = JSON.stringify(team.parent.blocks);
      expect(parent).toContain(
        `Codex ${style === 'standard' ? 'weekly' : 'leadership'} digest · team @platform`,
      );
      expect(parent).toContain('*PRs reviewed (workspace)*');
      expect(parent).toContain('Code Review (workspace-wide)');
      expect(JSON.stringify(team.replies)).toContain('workspace-wide: reviews cannot be split by team');
      const plain = JSON.stringify([workspace.parent.blocks, workspace.replies]);
      expect(plain).not.toContain('team @platform');
      expect(plain).not.toContain('split by team');
      expect(plain).not.toContain('(workspace)');
    }
  });
});
