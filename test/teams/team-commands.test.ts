/**
 * `/codex teams`, `/codex inactive` and `/codex nudge inactive` through the real Bolt app, the fake Slack
 * and the warehouse, against the hand-computed fixture in team-commands-harness.ts (issue 12): figures
 * per team (a person in two teams counts in both, once across teams), the 5-member rule for non-admins,
 * access control on every command and on the Send button, and at most one nudge per person per 30 days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDigestRuntime } from '../../src/main/digest-runtime.js';
import { NUDGE_SEND_ACTION_ID } from '../../src/teams/nudge-service.js';
import { ADMIN, allText, MEMBER, startTeamStack, type TeamStack } from './team-commands-harness.js';

const DAY_MS = 86_400_000;

let s: TeamStack;
beforeAll(async () => {
  s = await startTeamStack();
});
afterAll(() => s.close());

/** The mrkdwn of every section, in order. */
const sections = (body: Record<string, unknown>): string =>
  (body.blocks as { type: string; text?: { text: string }; fields?: { text: string }[] }[])
    .map((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)].join('\n'))
    .join('\n');

describe('the identity refresh behind the fixture', () => {
  it('matched the people by email, case-insensitively, and counted the unmatched', () => {
    expect(s.refresh).toMatchObject({ status: 'ok', codexUsers: 9, matched: 8, unmatched: 1 });
  });
});

describe('/codex teams', () => {
  it('shows each team with adoption, active/members, credits, USD, top surface and the change on the week before', async () => {
    const body = await s.slash('teams last-week');
    const text = sections(body);
    // @payments: U01 U02 U06 U09 active of 5 (U10 never active); 5+3+6+2 credits; week before: U01 only.
    // USD: no row gives a cost, so credits × CREDIT_PRICE_USD (0.04); everyone here is on the CLI.
    expect(text).toContain(
      '*@payments* 80% (4/5 active) · 16 credits ≈ $0.64 est. · mostly CLI · ▲ 60 pts (20% → 80%)',
    );
    // @platform: U01 U02 U04 active of 6 (U03 lapsed, U05 idle this week, U07 never); 5+3+4 credits;
    // week before: U01 and U05 → 2 of 6.
    expect(text).toContain(
      '*@platform* 50% (3/6 active) · 12 credits ≈ $0.48 est. · mostly CLI · ▲ 16.7 pts (33% → 50%)',
    );
    // Sorted by adoption.
    expect(text.indexOf('@payments')).toBeLessThan(text.indexOf('@platform'));
    // Across teams each person once: 9 people (U01 and U02 are in two teams), 5 active, 20 credits. @design
    // is folded and too small to show, so a member reads the teams shown (its people are in @platform too).
    expect(text).toContain(
      'Across the teams shown: 56% (5/9 active) · 20 credits ≈ $0.80 est. · mostly CLI · 2 never started',
    );
    expect(sections(await s.slash('teams last-week', ADMIN))).toContain(
      'Across all teams: 56% (5/9 active) · 20 credits ≈ $0.80 est. · mostly CLI · 2 never started',
    );
  });

  it('shows no change against a period before history starts (after a backfill, `teams 90d` read "▲ … (0% → …)")', async () => {
    const text = allText(await s.slash('teams 90d', ADMIN));
    expect(text).toContain('*@payments* ');
    expect(text).not.toMatch(/▲|▼/);
    expect(text).toMatch(
      /No change against the period before \([^)]+\): history starts \w{3} \d+ \w{3} \d{4}\./,
    );
  });

  it('gives the seats headline from SEATS_GROUP: seats, active share, never started', async () => {
    const text = sections(await s.slash('teams last-week'));
    expect(text).toContain('*Seats*\n7');
    expect(text).toContain('*Active seat holders*\n4 (57%)');
    expect(text).toContain('*Never started*\n1');
    expect(text).not.toContain('@codex-licensed');
  });

  it('folds teams under 5 matched members into "other teams" for non-admins, naming no one', async () => {
    const body = await s.slash('teams last-week', MEMBER);
    const all = allText(body);
    expect(all).not.toContain('@design');
    expect(sections(body)).toContain('*Other teams* (1 team under 5 matched members): not shown');
    for (const name of ['ana', 'ben', 'gus', 'U01', 'U07', 'example.com']) expect(all).not.toContain(name);
  });

  it('shows admins the small teams too, marked, and does not offer to share that answer', async () => {
    const body = await s.slash('teams last-week', ADMIN);
    // @design: U03 (lapsed) and U07 (never): 0 of 2.
    expect(sections(body)).toContain('*@design* :lock: 0% (0/2 active)');
    expect(allText(body)).not.toContain('codex_pulse_share');
    const member = await s.slash('teams last-week', MEMBER);
    expect(allText(member)).toContain('codex_pulse_share');
  });

  it('counts no one without an email as never started, as `inactive` lists them', async () => {
    const stack = await startTeamStack();
    try {
      // @payments gains U08 (no email on their profile) and U11, whose Slack email no Codex user has.
      stack.fake.users.set('U11', { id: 'U11', name: 'kim', email: 'kim@corp.example.org' });
      stack.fake.usergroupMembers.set('S2', ['U01', 'U02', 'U06', 'U08', 'U09', 'U10', 'U11']);
      expect(await stack.refreshAgain()).toMatchObject({ status: 'ok' });
      const teams = await stack.slash('teams last-week', ADMIN);
      // 11 people, 5 active; U07, U10 and U11 never started; U08 can't be told either way.
      expect(sections(teams)).toContain(
        '(5/11 active) · 20 credits ≈ $0.80 est. · mostly CLI · 3 never started · 1 with no Slack email (use unknown)',
      );
      expect(allText(teams)).toContain('`/codex inactive` leaves them out too');
      const inactive = sections(await stack.slash('inactive', ADMIN));
      expect(inactive).toContain('3 never started and 1 lapsed');
      expect(inactive).toContain('1 member has no email on their Slack profile');
    } finally {
      await stack.close();
    }
  });

  it('explains what cannot work when the analytics hide emails', async () => {
    const hidden = await startTeamStack();
    try {
      // The same rows without emails: nobody can be matched.
      await hidden.c.sync.warehouse.teams.recordRefresh({
        ...hidden.refresh,
        id: 'hidden',
        status: 'emails_hidden',
        finishedAt: new Date(hidden.refresh.finishedAt.getTime() + 1),
        detail:
          'The Codex Analytics API returns no email for any user of this workspace, so Codex users cannot be matched.',
      });
      const body = await hidden.slash('teams last-week');
      expect(sections(body)).toContain("Teams can't be measured here.");
      expect(sections(body)).toContain('returns no email for any user');
      expect(sections(body)).not.toContain('% (');
    } finally {
      await hidden.close();
    }
  });
});

describe('/codex inactive', () => {
  it('lists never-started then lapsed people as Slack mentions, each once, for admins', async () => {
    const text = sections(await s.slash('inactive', ADMIN));
    // As of Tue 24 Nov, 14 days: U07 and U10 never started; U03 last active 2 Nov; U05 (11 Nov) is not.
    expect(text).toContain('2 never started and 1 lapsed');
    const order = ['<@U07>', '<@U10>', '<@U03>'].map((m) => text.indexOf(m));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text.match(/<@U07>/g)).toHaveLength(1);
    // No Codex user has U07's email: never started as far as we can tell, said as what we know.
    expect(text).toContain('<@U07> — no Codex use under their email · @platform, @design, @codex-licensed');
    expect(text).toContain('<@U03> — lapsed, last active Mon 2 Nov 2026');
    expect(text).not.toContain('<@U05>');
  });

  it('keeps to one team and takes a longer period', async () => {
    const platform = sections(await s.slash('inactive @platform', ADMIN));
    expect(platform).toContain('1 never started and 1 lapsed');
    expect(platform).not.toContain('<@U10>');
    const month = sections(await s.slash('inactive 30d', ADMIN));
    expect(month).toContain('2 never started and 0 lapsed');
  });

  it('names the teams it knows when the team is unknown', async () => {
    const body = await s.slash('inactive @platfrom', ADMIN);
    expect(allText(body)).toContain('Did you mean `@platform`?');
  });

  it('lists no one without an email, and says who matched no Codex user and where to look', async () => {
    const stack = await startTeamStack();
    try {
      // @payments gains U08 (no email on their profile) and U11, whose Slack email no Codex user has.
      stack.fake.users.set('U11', { id: 'U11', name: 'kim', email: 'kim@corp.example.org' });
      stack.fake.usergroupMembers.set('S2', ['U01', 'U02', 'U06', 'U08', 'U09', 'U10', 'U11']);
      expect(await stack.refreshAgain()).toMatchObject({ status: 'ok' });
      const text = sections(await stack.slash('inactive @payments', ADMIN));
      expect(text).toContain('2 never started and 0 lapsed');
      expect(text).not.toContain('<@U08>');
      expect(text).toContain('<@U10> — never started');
      expect(text).toContain('<@U11> — no Codex use under their email');
      expect(text).toContain(
        '1 person listed matches no Codex user by email: they may never have started, or use Codex under another email. `/codex teams unmatched` lists the 1 Codex user no Slack email matched.',
      );
      expect(text).toContain('1 member has no email on their Slack profile');

      const preview = allText(await stack.slash('nudge inactive @payments', ADMIN));
      expect(preview).toContain('2 people');
      expect(preview).toContain('1 member with no email on their Slack profile');
      expect(preview).toContain('1 of them matches no Codex user by email');
      const click = await stack.click(NUDGE_SEND_ACTION_ID, JSON.stringify({ team: 'S2' }));
      expect((await click.next((b) => String(b.text).includes('Sent'))).text).toContain('Sent 2 nudges.');
      expect(stack.dmsTo('U08')).toHaveLength(0);
      const [kim] = stack.dmsTo('U11');
      expect(kim?.params.text).toContain('If you already use Codex under another email than your Slack one');
      const [jon] = stack.dmsTo('U10');
      expect(jon?.params.text).not.toContain('another email');
    } finally {
      await stack.close();
    }
  });

  it('refuses non-admins kindly, naming no one', async () => {
    const body = await s.slash('inactive', MEMBER);
    expect(allText(body)).toContain('for Codex Pulse admins only');
    expect(allText(body)).not.toMatch(/<@U\d/);
  });
});

describe('/codex nudge inactive', () => {
  it('refuses non-admins, at the command and at the Send button', async () => {
    expect(allText(await s.slash('nudge inactive', MEMBER))).toContain('for Codex Pulse admins only');
    const click = await s.click(NUDGE_SEND_ACTION_ID, JSON.stringify({ team: null }), MEMBER);
    expect((await click.next(() => true)).text).toContain('Only Codex Pulse admins');
    expect(s.fake.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });

  it('previews the DM and the count, sends on the click, and nudges each person at most once per 30 days', async () => {
    const preview = await s.slash('nudge inactive', ADMIN);
    const text = allText(preview);
    expect(text).toContain('3 people');
    expect(text).toContain('You have access to OpenAI Codex');
    expect(s.fake.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
    const button = (preview.blocks as { type: string; elements?: { action_id: string; value: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === NUDGE_SEND_ACTION_ID);
    expect(button?.value).toBe(JSON.stringify({ team: null }));

    const click = await s.click(NUDGE_SEND_ACTION_ID, button?.value ?? '');
    const done = await click.next((b) => String(b.text).includes('Sent'));
    expect(done.text).toContain('Sent 3 nudges.');
    for (const user of ['U07', 'U10', 'U03']) expect(s.dmsTo(user)).toHaveLength(1);
    expect(s.dmsTo('U05')).toHaveLength(0);

    // A second click (another admin, the same preview): nobody twice.
    const again = await s.click(NUDGE_SEND_ACTION_ID, button?.value ?? '');
    expect((await again.next((b) => String(b.text).includes('Sent'))).text).toContain(
      'Sent 0 nudges. 3 people skipped',
    );
    expect(allText(await s.slash('nudge inactive', ADMIN))).toContain('Nobody to nudge');

    // 29 days on: still not again (others have lapsed by now and get their first).
    s.clock.advance(29 * DAY_MS);
    await (await s.click(NUDGE_SEND_ACTION_ID, button?.value ?? '')).next((b) =>
      String(b.text).includes('Sent'),
    );
    expect(s.dmsTo('U03')).toHaveLength(1);
    expect(s.dmsTo('U05')).toHaveLength(1);
    // 30 days after the first: due again.
    s.clock.advance(DAY_MS);
    await (await s.click(NUDGE_SEND_ACTION_ID, button?.value ?? '')).next((b) =>
      String(b.text).includes('Sent'),
    );
    expect(s.dmsTo('U03')).toHaveLength(2);
    expect(s.dmsTo('U05')).toHaveLength(1);
  });

  it('reports the DMs Slack refused, and a refused person can be nudged again', async () => {
    const stack = await startTeamStack();
    try {
      stack.fake.failNext('chat.postMessage', { error: 'user_disabled' });
      const click = await stack.click(NUDGE_SEND_ACTION_ID, JSON.stringify({ team: 'S1' }));
      const done = await click.next((b) => String(b.text).includes('Sent'));
      // @platform: U07 never started, U03 lapsed; the first DM (U07) fails.
      expect(done.text).toContain('Sent 1 nudge.');
      expect(allText(done)).toContain('user_disabled');
      expect(allText(await stack.slash('nudge inactive @platform', ADMIN))).toContain('1 person');
    } finally {
      await stack.close();
    }
  });
});

describe('the leadership digest', () => {
  it('gains "adoption by team": aggregate only, teams under 5 folded, through the digest service too', async () => {
    const stack = await startTeamStack();
    try {
      // The non-admin preview is the leadership digest a channel gets.
      const preview = allText(await stack.slash('digest preview', MEMBER));
      expect(preview).toContain('Adoption by team');
      expect(preview).toContain('@payments* 80% (4/5 active)');
      expect(preview).toContain('*Other teams* (1 team under 5 matched members): not shown');
      expect(preview).not.toContain('@design');
      expect(preview).not.toMatch(/<@U\d/);

      const runtime = await openDigestRuntime(stack.c, {
        store: { dataDir: stack.dataDir },
        slack: { botToken: 'xoxb-teams-token', apiUrl: stack.fake.url },
      });
      try {
        const sub = await runtime.store.subscriptions.create({
          teamId: 'T0FAKE0001',
          channelId: 'C0LEADERS1',
          ownerUserId: ADMIN,
          day: 'mon',
          time: '09:00',
          timeZone: 'UTC',
          style: 'leadership',
          cadence: 'weekly',
        });
        const built = await runtime.service.preview(sub.id, stack.clock.now());
        const thread = JSON.stringify(built?.report);
        expect(built?.namedPeople).toBe(0);
        expect(thread).toContain('adoption by team');
        expect(thread).toContain('@platform* 50% (3/6 active)');
        expect(thread).not.toContain('@design');
        expect(thread).not.toMatch(/<@U\d|example\.com/);
      } finally {
        await runtime.close();
      }
    } finally {
      await stack.close();
    }
    // Charts are rendered for the preview and the store is opened: slow on a shared machine.
  }, 120_000);
});
