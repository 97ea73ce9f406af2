import { describe, expect, it } from 'vitest';
import { findInactiveMembers } from '../../src/figures/inactive-members.js';
import { summariseUserActivity } from '../../src/figures/user-activity.js';
import { active, sec } from './fixture-rows.js';

/**
 * As of 1 Dec 2026 with a 14-day lapse (active since 17 Nov = still active), counted by hand:
 *   u1 last active 20 Nov → active;  u2 last 5 Nov → lapsed;  u3 last 1 Sep → lapsed (longer idle);
 *   A5 no Codex match → never started (unmatched);  B1 matched u6, whose only row is after asOf → never
 *   started;  N1 no email on their Slack profile and so no match → not known to be inactive, only counted.
 */
const asOf = sec('2026-12-01');
const rows = [
  active('u1', '2026-11-20'),
  active('u2', '2026-11-05'),
  active('u3', '2026-09-01'),
  active('u6', '2026-12-02'),
];
const activity = summariseUserActivity(rows, { start: asOf - 14 * 86_400, end: asOf });
const member = (
  teamId: string,
  memberKey: string,
  codexUserId: string | null,
  email: string | null = `${memberKey}@example.com`,
) => ({
  teamId,
  memberKey,
  slackUserId: memberKey.startsWith('email:') ? null : memberKey,
  email,
  codexUserId,
});
const members = [
  member('S1', 'A1', 'u1'),
  member('S1', 'A2', 'u2'),
  member('S1', 'A3', 'u3'),
  member('S1', 'A5', null),
  member('S2', 'A3', 'u3'),
  member('S2', 'B1', 'u6'),
  member('S2', 'N1', null, null),
];

describe('findInactiveMembers (issue 12)', () => {
  it('lists never started first, then lapsed longest-idle first, each person once with their teams', () => {
    const { people } = findInactiveMembers({ activity, members, teamIds: null, asOf, lapsedDays: 14 });
    expect(people.map((p) => [p.memberKey, p.status, p.teamIds, p.matched])).toEqual([
      ['A5', 'never_started', ['S1'], false],
      ['B1', 'never_started', ['S2'], true],
      ['A3', 'lapsed', ['S1', 'S2'], true],
      ['A2', 'lapsed', ['S1'], true],
    ]);
    expect(people.find((p) => p.memberKey === 'A3')?.lastActive).toBe(sec('2026-09-01'));
  });

  it('keeps to the team asked about, and a longer lapse period lists fewer people', () => {
    const only = (lapsedDays: number, team: string) =>
      findInactiveMembers({ activity, members, teamIds: new Set([team]), asOf, lapsedDays }).people.map(
        (p) => p.memberKey,
      );
    expect(only(14, 'S2')).toEqual(['B1', 'A3']);
    // 30 days: u2 (5 Nov) is no longer lapsed.
    expect(only(30, 'S1')).toEqual(['A5', 'A3']);
  });

  it('lists nobody without an email as never started: with no email there is no match to go by', () => {
    const all = findInactiveMembers({ activity, members, teamIds: null, asOf, lapsedDays: 14 });
    expect(all.people.map((p) => p.memberKey)).not.toContain('N1');
    expect(all.withoutEmail).toBe(1);
    expect(
      findInactiveMembers({ activity, members, teamIds: new Set(['S1']), asOf, lapsedDays: 14 }).withoutEmail,
    ).toBe(0);
  });
});
