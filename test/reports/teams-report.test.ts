/**
 * The team reports as pure functions (issue 12): within Slack's limits however many teams or people,
 * the 5-member rule on the non-admin paths (teams report, leadership reply), the emails-hidden and
 * not-loaded explanations, and the inactive list paged by 50.
 */
import { describe, expect, it } from 'vitest';
import { formatDate, formatWindow } from '../../reports/blocks/format.js';
import { buildInactiveReport, INACTIVE_PAGE_SIZE } from '../../reports/teams/inactive-report.js';
import { buildNudgeOutcome, buildNudgePreview } from '../../reports/teams/nudge-preview.js';
import { teamAdoptionReply } from '../../reports/teams/team-adoption-reply.js';
import { buildTeamsReport, TEAMS_NOT_LOADED } from '../../reports/teams/teams-report.js';
import { computeFreshness } from '../../src/figures/freshness.js';
import type { InactiveMember } from '../../src/figures/inactive-members.js';
import { computeTeamFigures } from '../../src/figures/team-figures.js';
import type { UserActivity } from '../../src/figures/user-activity.js';
import type { UserSpend } from '../../src/figures/user-spend.js';
import type { TeamRefresh } from '../../src/warehouse/warehouse-teams.js';
import { sec } from '../figures/fixture-rows.js';
import { digest } from './figure-fixtures.js';
import { everything, expectWithinLimits, visibleText } from './report-assertions.js';

const window = { start: sec('2026-11-16'), end: sec('2026-11-23') };
const previousWindow = { start: sec('2026-11-09'), end: sec('2026-11-16') };
const now = new Date('2026-11-24T10:00:00Z');
const refresh: TeamRefresh = {
  id: 'r1',
  startedAt: now,
  finishedAt: now,
  status: 'ok',
  slackUsers: 20_000,
  codexUsers: 18_000,
  matched: 17_000,
  unmatched: 600,
  codexWithoutEmail: 400,
  teams: 500,
  memberships: 40_000,
  requests: 112,
  detail: null,
};

/** `count` teams of `size` people each (team t: people t*size…), half of each active. */
function manyTeams(count: number, size: number) {
  const teams = Array.from({ length: count }, (_, t) => ({
    id: `S${t}`,
    name: `@team-${'x'.repeat(t % 30)}${t}`,
    seats: false,
  }));
  const members = teams.flatMap((team, t) =>
    Array.from({ length: size }, (_, p) => ({
      teamId: team.id,
      memberKey: `U${t}-${p}`,
      email: `u${t}-${p}@example.com`,
      codexUserId: `u${t}-${p}`,
    })),
  );
  const activity: UserActivity[] = members
    .filter((_, i) => i % 2 === 0)
    .map((m) => ({
      userId: m.codexUserId,
      firstActive: sec('2026-10-01'),
      lastActive: sec('2026-11-20'),
      activeInWindow: true,
      credits: 2,
    }));
  // 2 credits each at 0.04 USD, on the IDE extension.
  const spend: UserSpend[] = activity.map((a) => ({
    userId: a.userId,
    usd: 0.08,
    creditsBySurface: { ide: 2 },
  }));
  return {
    current: computeTeamFigures({ activity, spend, teams, members, window }),
    previous: computeTeamFigures({ activity: [], spend: [], teams, members, window: previousWindow }),
  };
}

const report = (figures: ReturnType<typeof manyTeams>, isAdmin: boolean, r: TeamRefresh | null = refresh) =>
  buildTeamsReport({
    ...figures,
    window,
    previousWindow,
    refresh: r,
    freshness: computeFreshness(window, now),
    isAdmin,
    historyStart: previousWindow.start,
  });

describe('buildTeamsReport', () => {
  it('fits 500 teams in one message, saying how many more there are', () => {
    const message = report(manyTeams(500, 6), false);
    expectWithinLimits(message);
    expect(visibleText(message)).toMatch(/…and \d+ more teams/);
  });

  it('never names a team under 5 matched members to non-admins, and folds them together', () => {
    const figures = manyTeams(12, 3);
    const member = everything(report(figures, false));
    for (const team of figures.current.teams) expect(member).not.toContain(team.name);
    // 12 small teams of 3: 36 people together, 18 active.
    expect(member).toContain('*Other teams* (12 teams under 5 matched members, together) 50% (18/36 active)');
    // Their USD and top surface only together too: 18 active people × 0.08 USD, all on the IDE extension.
    expect(member).toContain('≈ $1.44 est. · mostly IDE extension');
    expect(everything(report(figures, true))).toContain(`${figures.current.teams[0]?.name}* :lock:`);
  });

  it('gives non-admins no way to subtract a hidden team: the total covers the teams shown, seats under 5 hidden', () => {
    // One team of 6 (3 active) and one of 2 people of their own, both active; seats: those 2.
    const teams = [
      { id: 'S1', name: '@big', seats: false },
      { id: 'S2', name: '@tiny', seats: false },
      { id: 'S9', name: '@seats', seats: true },
    ];
    const people = ['a', 'b', 'c', 'd', 'e', 'f'];
    const members = [
      ...people.map((p) => ({ teamId: 'S1', memberKey: p, email: `${p}@example.com`, codexUserId: p })),
      ...['x', 'y'].flatMap((p) => [
        { teamId: 'S2', memberKey: p, email: `${p}@example.com`, codexUserId: p },
        { teamId: 'S9', memberKey: p, email: `${p}@example.com`, codexUserId: p },
      ]),
    ];
    const activity = ['a', 'b', 'c', 'x', 'y'].map((userId) => ({
      userId,
      firstActive: sec('2026-11-17'),
      lastActive: sec('2026-11-17'),
      activeInWindow: true,
      credits: 1,
    }));
    // @big's three spend 1 USD each on the CLI; @tiny's two 10 USD each on cloud.
    const spend: UserSpend[] = activity.map(({ userId }) =>
      ['x', 'y'].includes(userId)
        ? { userId, usd: 10, creditsBySurface: { cloud: 1 } }
        : { userId, usd: 1, creditsBySurface: { cli: 1 } },
    );
    const figures = {
      current: computeTeamFigures({ activity, spend, teams, members, window }),
      previous: computeTeamFigures({ activity: [], spend: [], teams, members, window: previousWindow }),
    };
    const member = visibleText(report(figures, false));
    expect(member).toContain('Across the teams shown: 50% (3/6 active)');
    expect(member).not.toContain('5/8');
    expect(member).not.toContain('Seats');
    // Nor by USD or surface: the headline's spend is the shown teams' too, and @tiny's cloud never shows.
    expect(member).toContain('≈ $3.00 est. · mostly CLI');
    expect(member).not.toContain('$23.00');
    expect(member).not.toContain('$20.00');
    expect(member).not.toContain('Cloud');
    const admin = visibleText(report(figures, true));
    expect(admin).toContain('Across all teams: 63% (5/8 active)');
    expect(admin).toContain('≈ $23.00 est. · mostly CLI');
    expect(admin).toMatch(
      /@tiny\* :lock: 100% \(2\/2 active\) · 2(\.0)? credits ≈ \$20\.00 est\. · mostly Cloud/,
    );
    expect(admin).toContain('Seats');
  });

  it('counts members with no Slack email apart from never started, and says why', () => {
    // @big: a–e matched (a, b active), f unmatched with an email, g and h with none; seats: a–e and g.
    const teams = [
      { id: 'S1', name: '@big', seats: false },
      { id: 'S9', name: '@seats', seats: true },
    ];
    const matched = ['a', 'b', 'c', 'd', 'e'];
    const member = (teamId: string, key: string, email: string | null, codexUserId: string | null) => ({
      teamId,
      memberKey: key,
      email,
      codexUserId,
    });
    const members = [
      ...matched.map((p) => member('S1', p, `${p}@example.com`, p)),
      member('S1', 'f', 'f@example.com', null),
      member('S1', 'g', null, null),
      member('S1', 'h', null, null),
      ...matched.map((p) => member('S9', p, `${p}@example.com`, p)),
      member('S9', 'g', null, null),
    ];
    const activity = ['a', 'b'].map((userId) => ({
      userId,
      firstActive: sec('2026-11-17'),
      lastActive: sec('2026-11-17'),
      activeInWindow: true,
      credits: 1,
    }));
    const figures = {
      current: computeTeamFigures({ activity, spend: [], teams, members, window }),
      previous: computeTeamFigures({ activity: [], spend: [], teams, members, window: previousWindow }),
    };
    const text = visibleText(report(figures, true));
    // 8 members = 2 active + 4 never started (c, d, e, f) + 2 with no email.
    expect(text).toContain('Across all teams: 25% (2/8 active)');
    expect(text).toContain('4 never started · 2 with no Slack email (use unknown)');
    expect(text).toContain('*No Slack email (use unknown)*\n1');
    expect(text).toContain(
      'Seats: 2 of 6 active (33%), 3 never started, 1 with no Slack email (use unknown).',
    );
    expect(text).toContain('`/codex inactive` leaves them out too');
    const digestReply = visibleText(
      teamAdoptionReply(digest('many'), { status: 'ok', window, previousWindow, ...figures }),
    );
    expect(digestReply).toContain(
      'Seats: 33% (2/6 active), 3 never started, 1 with no Slack email (use unknown).',
    );
    // Without such members, none of it shows.
    const plain = visibleText(report(manyTeams(3, 6), true));
    expect(plain).not.toContain('no Slack email');
    expect(plain).not.toContain('leaves them out');
  });

  it('shows no change against a period history does not reach (it read "▲ 74 pts (0% → 74%)" for every team)', () => {
    const historyStart = window.start;
    const held = visibleText(report(manyTeams(3, 6), true));
    expect(held).toMatch(/▲|▼|no change/);
    const notHeld = visibleText(
      buildTeamsReport({
        ...manyTeams(3, 6),
        previous: null,
        window,
        previousWindow,
        refresh,
        freshness: computeFreshness(window, now),
        isAdmin: true,
        historyStart,
      }),
    );
    expect(notHeld).not.toMatch(/▲|▼|no change \(/);
    expect(notHeld).toContain(
      `No change against the period before (${formatWindow(previousWindow)}): history starts ${formatDate(historyStart, true)}.`,
    );
  });
  it('explains a workspace that hides emails, and teams not loaded yet', () => {
    const hidden = report(manyTeams(3, 6), false, {
      ...refresh,
      status: 'emails_hidden',
      detail: 'The Codex Analytics API returns no email for any user of this workspace.',
    });
    expect(visibleText(hidden)).toContain("Teams can't be measured here.");
    expect(visibleText(hidden)).not.toContain('% (');
    expect(visibleText(report(manyTeams(3, 6), false, null))).toContain(TEAMS_NOT_LOADED);
  });
});

describe('teamAdoptionReply (leadership digest)', () => {
  it('folds small teams whoever reads it, and stays within limits with 500 teams', () => {
    const small = manyTeams(4, 3);
    const reply = teamAdoptionReply(digest('many'), {
      status: 'ok',
      window,
      previousWindow,
      ...small,
    });
    for (const team of small.current.teams) expect(everything(reply)).not.toContain(team.name);
    const big = teamAdoptionReply(digest('many'), {
      status: 'ok',
      window,
      previousWindow,
      ...manyTeams(500, 6),
    });
    expectWithinLimits(big);
  });
});

describe('buildInactiveReport', () => {
  const people: InactiveMember[] = Array.from({ length: 120 }, (_, i) => ({
    memberKey: `U${String(i).padStart(4, '0')}`,
    slackUserId: `U${String(i).padStart(4, '0')}`,
    email: null,
    status: i < 30 ? 'never_started' : 'lapsed',
    lastActive: i < 30 ? null : sec('2026-10-01'),
    matched: true,
    teamIds: ['S1'],
  }));
  const page = (n: number) =>
    buildInactiveReport({
      refresh,
      teamName: '@platform',
      teamNames: new Map([['S1', '@platform']]),
      people,
      withoutEmail: 0,
      unmatchedCodexUsers: 0,
      lapsedDays: 14,
      asOf: sec('2026-11-24'),
      page: n,
      pageCommand: (p) => `/codex inactive @platform page ${p}`,
      stored: 'synced just now',
    });

  it('pages a long list by 50, pointing to the next page', () => {
    const first = page(1);
    expectWithinLimits(first);
    expect(INACTIVE_PAGE_SIZE).toBe(50);
    expect(visibleText(first).match(/<@U\d{4}>/g)).toHaveLength(50);
    expect(visibleText(first)).toContain('Page 1 of 3 · next: `/codex inactive @platform page 2`');
    const last = page(3);
    expect(visibleText(last).match(/<@U\d{4}>/g)).toHaveLength(20);
    expect(visibleText(last)).toContain('<@U0119>');
    // Past the end: the last page.
    expect(visibleText(page(9))).toContain('Page 3 of 3');
  });
});

describe('nudge preview and outcome', () => {
  it('shows the DM, the count and a Send button that asks once more; none when nobody is due', () => {
    const preview = buildNudgePreview({
      teamName: null,
      teamId: null,
      recipients: 12,
      unmatchedRecipients: 0,
      withoutEmail: 0,
      recentlyNudged: 3,
      unreachable: 1,
      text: 'Hi <!channel> & co',
      lapsedDays: 14,
    });
    expectWithinLimits(preview);
    const all = everything(preview);
    expect(all).toContain('12 people');
    expect(all).toContain('3 people nudged in the last 30 days');
    expect(all).toContain('"confirm"');
    const none = buildNudgePreview({
      teamName: '@x',
      teamId: 'S1',
      recipients: 0,
      unmatchedRecipients: 0,
      withoutEmail: 0,
      recentlyNudged: 3,
      unreachable: 0,
      text: 'hi',
      lapsedDays: 14,
    });
    expect(everything(none)).not.toContain('codex_pulse_nudge_send');
  });

  it('reports failures with Slack error codes', () => {
    const outcome = buildNudgeOutcome({
      kind: 'sent',
      sent: 2,
      alreadyNudged: 1,
      failed: [{ slackUserId: 'U9', error: 'user_disabled' }],
    });
    expect(visibleText(outcome)).toContain('Sent 2 nudges. 1 person skipped');
    expect(visibleText(outcome)).toContain('<@U9>: `user_disabled`');
  });
});
