import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../reports/digest/change-summary.js';
import { buildLeadershipDigest } from '../../reports/digest/leadership-digest.js';
import { delta, deltas, digest, hostileLabels, scales } from './figure-fixtures.js';
import { everything, expectThreadWithinLimits, nth, visibleText } from './report-assertions.js';

describe('buildLeadershipDigest', () => {
  it.each(scales)('stays within every Slack limit (%s)', (scale) => {
    expectThreadWithinLimits(buildLeadershipDigest(digest(scale)));
  });
  it.each(scales)('names no individual anywhere, charts and alt text included (%s)', (scale) => {
    const serialized = everything(buildLeadershipDigest(digest(scale)));
    expect(serialized).not.toMatch(/jdoe-\d+/);
    expect(serialized).not.toMatch(/user-\d+/);
    expect(serialized).not.toContain('solo.dev');
    expect(serialized).not.toContain('@example.com');
  });
  it('names no individual even with hostile labels', () => {
    const serialized = everything(buildLeadershipDigest(digest('many', { labels: hostileLabels })));
    for (const label of hostileLabels) expect(serialized).not.toContain(label);
    expect(serialized).not.toContain('&lt;!channel&gt;');
  });
  it('opens with one deterministic sentence on what changed', () => {
    const { parent } = buildLeadershipDigest(digest('many'));
    expect(visibleText(parent)).toContain(
      'Active users rose 25% week over week to 50k; credits fell 3% to 1.2M; threads held steady at 412.3k; PRs reviewed by Codex rose 13% to 18k; the positive share of review reactions rose 4 pts to 82%.',
    );
  });
  it('has the weekly thread minus top users, with an aggregate concentration line', () => {
    const { parent, replies } = buildLeadershipDigest(digest('many'));
    expect(visibleText(parent)).toContain(
      'Details in the thread: adoption, credits and tokens, Code Review and data notes.',
    );
    expect(replies.map((r) => r.text.split(',')[0])).toEqual([
      'Adoption by surface',
      'Credits and tokens',
      'Code Review',
      'Data notes for the Codex digest',
    ]);
    expect(visibleText(nth(replies, 1))).toContain(
      // The fixture lists all 50,000: the top is everyone (report-wording.test.ts has the top-10 case).
      'Concentration: all credits came from 50,000 active users.',
    );
    expect(visibleText(nth(replies, 3))).toContain('aggregates only');
  });
});

describe('describeChanges', () => {
  it('follows the template for a typical week', () => {
    const d = { ...deltas('many'), activeUsers: delta(461, 412), credits: delta(97, 100) };
    expect(describeChanges(d)).toMatch(
      /^Active users rose 12% week over week to 461; credits fell 3% to 97; /,
    );
  });
  it('handles a first week and unknown shares without inventing a trend', () => {
    expect(describeChanges(deltas('one'))).toBe(
      'Active users rose week over week from 0 to 1; credits rose from 0 to 182.5; threads rose from 0 to 4; PRs reviewed by Codex held steady at 1; no review reactions to rate.',
    );
  });
});
