/**
 * `/codex teams unmatched` and the roster-upload DM replies as pure functions (issue 12 §1): the list
 * capped with "…and N more" inside Slack's limits, the hint what to do, the emails-hidden explanation,
 * and each import outcome (problems with line numbers, a failed or emails-hidden refresh after import).
 */
import { describe, expect, it } from 'vitest';
import {
  buildRosterImportReply,
  buildRosterRefusal,
  buildRosterRemoveReply,
} from '../../reports/teams/roster-import-reply.js';
import { buildUnmatchedReport, UNMATCHED_SHOWN } from '../../reports/teams/unmatched-report.js';
import { EMAILS_HIDDEN_EXPLANATION } from '../../src/teams/refresh-identities.js';
import type { TeamRefresh } from '../../src/warehouse/warehouse-teams.js';
import { sec } from '../figures/fixture-rows.js';
import { expectWithinLimits, visibleText } from './report-assertions.js';

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
const person = (i: number) => ({
  codexUserId: `u${i}`,
  email: i % 10 === 9 ? null : `person${i}@example.com`,
  credits: 1000 - i,
  lastActive: i % 7 === 0 ? null : sec('2026-11-20'),
});

describe('buildUnmatchedReport', () => {
  it('lists the largest first, capped with "…and N more", with the hint what to do', () => {
    const people = Array.from({ length: 1000 }, (_, i) => person(i));
    const message = buildUnmatchedReport({ refresh, people, days: 30, stored: 'synced just now' });
    expectWithinLimits(message);
    const text = visibleText(message);
    expect(text).toContain('1,000 Codex users of 18,000 have no Slack match');
    expect(text).toContain('• person1@example.com — 999 credits in 30 days · last active Fri 20 Nov 2026');
    expect(text).toContain('• person0@example.com — 1,000 credits in 30 days · never active');
    expect(text).toContain('Codex user `u9` (no email)');
    expect(text).not.toContain(`person${UNMATCHED_SHOWN}@`);
    expect(text).toContain(`…and ${1000 - UNMATCHED_SHOWN} more`);
    expect(text).toContain('Slack profile uses another address');
    expect(text).toContain('roster');
  });

  it('explains hidden emails, says when everyone matched, and before the first refresh', () => {
    const hidden = buildUnmatchedReport({
      refresh: { ...refresh, status: 'emails_hidden', detail: EMAILS_HIDDEN_EXPLANATION },
      people: [person(1)],
      days: 30,
      stored: 'synced just now',
    });
    expect(visibleText(hidden)).toContain('returns no email for any user of this workspace');
    expect(visibleText(buildUnmatchedReport({ refresh, people: [], days: 30, stored: '' }))).toContain(
      'Every Codex user is matched',
    );
    expect(visibleText(buildUnmatchedReport({ refresh: null, people: [], days: 30, stored: '' }))).toContain(
      "Teams aren't loaded yet",
    );
  });
});

describe('roster DM replies', () => {
  const imported = {
    kind: 'imported' as const,
    fileName: 'roster.csv',
    people: 412,
    teams: 23,
    overridesRosterFile: true,
  };

  it('says what was imported, how many emails match no Slack user, and that it overrides ROSTER_FILE', () => {
    const message = buildRosterImportReply({
      ...imported,
      refresh: { status: 'ok', emailsNotInSlack: 7 },
    });
    expect(message.text).toContain('Roster imported: 412 people in 23 teams; 7 emails match no Slack user');
    expect(visibleText(message)).toContain('used instead of ROSTER_FILE until you remove it');
    const single = buildRosterImportReply({
      ...imported,
      overridesRosterFile: false,
      refresh: { status: 'ok', emailsNotInSlack: 1 },
    });
    expect(single.text).toContain('1 email matches no Slack user');
    expect(visibleText(single)).not.toContain('ROSTER_FILE');
  });

  it('says a failed refresh is retried, and explains hidden emails', () => {
    expect(
      buildRosterImportReply({ ...imported, refresh: { status: 'failed', code: 'internal' } }).text,
    ).toContain('failed (internal); it is retried within the hour');
    expect(
      buildRosterImportReply({ ...imported, refresh: { status: 'emails_hidden', emailsNotInSlack: 0 } }).text,
    ).toContain(EMAILS_HIDDEN_EXPLANATION);
  });

  it('lists the first ten problems with their lines, counts the rest, escapes what the file said', () => {
    const problems = Array.from({ length: 25 }, (_, i) => ({ line: i + 2, message: `email: <b>${i}</b>` }));
    const message = buildRosterImportReply({ kind: 'invalid', fileName: 'x<y>.csv', problems });
    expectWithinLimits(message);
    const text = visibleText(message);
    expect(text).toContain('was not imported: 25 problems. Nothing was changed');
    expect(text).toContain('line 11: email: &lt;b&gt;9&lt;/b&gt;');
    expect(text).not.toContain('line 12:');
    expect(text).toContain('…and 15 more');
    expect(text).toContain('x&lt;y&gt;.csv');
  });

  it('refuses politely, and answers a remove', () => {
    expect(buildRosterRefusal('too_large', { maxBytes: 2 * 1_048_576 }).text).toContain('larger than 2 MB');
    expect(buildRosterRemoveReply({ kind: 'none' }).text).toContain('no uploaded roster');
    expect(
      buildRosterRemoveReply({
        kind: 'removed',
        overridesRosterFile: true,
        refresh: { status: 'ok', emailsNotInSlack: 0 },
      }).text,
    ).toContain('ROSTER_FILE applies again');
  });
});
