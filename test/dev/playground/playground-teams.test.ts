/**
 * The playground's teams (issue 12, Done when: "in the playground, `/codex teams` shows the simulated
 * groups with their adoption rates"): its fake Slack holds people matching the simulator's actors in a
 * few user groups, one identity refresh runs before the page opens, and the commands answer from it —
 * `/codex teams`, and `usage last-week team @platform` (the same issue's Done when).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEvents, type PlaygroundStack, postJson, startPlaygroundStack } from './playground-harness.js';

describe('playground teams', () => {
  let s: PlaygroundStack;
  beforeAll(async () => {
    s = await startPlaygroundStack();
  }, 180_000);
  afterAll(() => s.close());

  it('refreshed the seeded groups into the warehouse at start: matches, seats and a team under 5', async () => {
    const refresh = await s.c.sync.warehouse.teams.lastRefresh();
    expect(refresh).toMatchObject({ status: 'ok' });
    // Most of the 200 simulated users match (some aliases, some without email or hidden in the API).
    expect(refresh?.matched).toBeGreaterThan(120);
    expect(refresh?.unmatched).toBeGreaterThan(0);
    const teams = await s.c.sync.warehouse.teams.teams();
    expect(teams.map((t) => [t.name, t.seats]).sort()).toEqual([
      ['@codex-licensed', true],
      ['@design', false],
      ['@mobile', false],
      ['@payments', false],
      ['@platform', false],
    ]);
  });

  it('answers /codex teams with the simulated groups and their adoption rates', async () => {
    const events = await openEvents(s.url);
    expect((await postJson(`${s.url}/api/command`, { text: '/codex teams 30d' })).status).toBe(200);
    const { data } = await events.waitFor(
      (e) => e.type === 'upsert' && String(e.data.html).includes('Codex adoption by team'),
      120_000,
    );
    events.close();
    const html = String(data.html);
    for (const team of ['@platform', '@payments', '@mobile'])
      expect(html).toMatch(new RegExp(`${team}.{0,80}\\d+% \\(`));
    expect(html).toContain('Seats');
  }, 180_000);

  it('answers `/codex usage last-week team @platform` with the team in its header', async () => {
    const events = await openEvents(s.url);
    const command = { text: '/codex usage last-week team @platform' };
    expect((await postJson(`${s.url}/api/command`, command)).status).toBe(200);
    const { data } = await events.waitFor(
      (e) => e.type === 'upsert' && /Codex usage · team @platform/.test(String(e.data.html)),
      120_000,
    );
    events.close();
    // The team's own figures, not a refusal: @platform has more than 5 matched members.
    const text = String(data.html)
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(text).toMatch(/Active users [1-9]\d*/);
  }, 180_000);

  it('lists the inactive members of @platform to the playground user, an admin', async () => {
    const events = await openEvents(s.url);
    expect((await postJson(`${s.url}/api/command`, { text: '/codex inactive team @platform' })).status).toBe(
      200,
    );
    const { data } = await events.waitFor(
      (e) => e.type === 'upsert' && String(e.data.html).includes('Inactive Codex members'),
      120_000,
    );
    events.close();
    const text = String(data.html)
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('@platform');
    expect(text).not.toContain('No team called');
  }, 180_000);
});
