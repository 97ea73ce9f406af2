/**
 * `/codex teams unmatched` (issue 12 §1a) through the real Bolt app, the fake Slack and the warehouse:
 * admins get the Codex users no Slack profile matched (hal@example.com, u8, in the fixture of
 * team-commands-harness.ts) with their credits and last active day; everyone else gets the admin-only
 * reply, naming no one; `/codex teams` keeps the unmatched count in its footer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, allText, MEMBER, startTeamStack, type TeamStack } from './team-commands-harness.js';

let s: TeamStack;
beforeAll(async () => {
  s = await startTeamStack();
});
afterAll(() => s.close());

describe('/codex teams unmatched', () => {
  it('lists the unmatched Codex users for admins, with credits, last active day and what to do', async () => {
    const body = await s.slash('teams unmatched', ADMIN);
    const text = allText(body);
    expect(text).toContain('1 Codex user of 9 has no Slack match');
    expect(text).toContain('hal@example.com — 1 credit in 30 days · last active Thu 19 Nov 2026');
    expect(text).toContain('Slack profile uses another address');
    expect(text).toContain('upload a CSV or JSON');
    expect(text).not.toContain('ana@example.com');
    // Only the admin sees it; it names people, so no Share button.
    expect(body.response_type).toBe('ephemeral');
    expect(text).not.toContain('Share to channel');
  });

  it('gives non-admins the admin-only reply, naming no one', async () => {
    const text = allText(await s.slash('teams unmatched', MEMBER));
    expect(text).toContain('`/codex teams unmatched` is for Codex Pulse admins only');
    expect(text).not.toContain('hal@example.com');
  });

  it('refuses words after `unmatched`, and keeps the count in the `/codex teams` footer', async () => {
    expect(allText(await s.slash('teams unmatched please', ADMIN))).toContain('takes nothing after it');
    const member = allText(await s.slash('teams last-week'));
    expect(member).toContain(
      '8 of 9 Codex users matched to Slack people (1 with an email no Slack profile has, 0 without an email).',
    );
    // Only admins are pointed to the list they alone may see.
    expect(member).not.toContain('/codex teams unmatched');
    expect(allText(await s.slash('teams last-week', ADMIN))).toContain(
      '0 without an email). `/codex teams unmatched` lists them.',
    );
  });
});
