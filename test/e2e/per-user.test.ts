import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCredits } from '../../reports/blocks/format.js';
import { lastClosedWeek } from '../../src/domain/utc-days.js';
import type { RankedUser } from '../../src/figures/figure-types.js';
import { ADMIN, ADMIN_DM, ALICE, allText, type E2e, STACK_TRACE, startE2e } from './e2e-harness.js';

describe('per-user answers end to end', () => {
  let e: E2e;
  let top: RankedUser[];
  beforeAll(async () => {
    e = await startE2e({ CHART_RENDERER: 'none' });
    const ranking = await e.c.analytics.ranking(lastClosedWeek(e.clock.now()), {
      sortBy: 'credits',
      surface: null,
      topN: 10,
    });
    top = ranking.ranking.users;
    expect(top.length).toBe(10);
  });
  afterAll(async () => {
    await e?.close();
  });

  it('/codex top names nobody for a non-admin', async () => {
    const sent = await e.slash('top last-week', { user_id: ALICE });
    const answer = await e.answer(sent.responseUrl);
    const text = allText(answer);
    expect(String(answer.text)).not.toContain(':warning:');
    for (const user of top) {
      expect(text).not.toContain(user.label);
      if (user.email) expect(text).not.toContain(user.email);
    }
  });

  it('/codex top names the top users for an admin', async () => {
    const sent = await e.slash('top last-week', { user_id: ADMIN });
    const answer = await e.answer(sent.responseUrl);
    const text = allText(answer);
    for (const user of top.slice(0, 3)) expect(text).toContain(user.label);
  });

  it('/codex me matches the Slack email to a simulated user and shows their numbers', async () => {
    const someone = top.find((u) => u.email !== null);
    if (!someone?.email) throw new Error('no simulated user with an email in the top 10');
    e.fake.users.set('U0MATCHED1', { id: 'U0MATCHED1', name: 'matched', email: someone.email.toUpperCase() });
    const sent = await e.slash('me last-week', { user_id: 'U0MATCHED1' });
    const answer = await e.answer(sent.responseUrl);
    const text = allText(answer);
    expect(text).toContain('Your Codex usage');
    expect(text).toContain(formatCredits(someone.credits));
    expect(text).toContain(`#${top.indexOf(someone) + 1} of`);
  });

  it('/codex export users csv sends an admin the CSV in their DM', async () => {
    const sent = await e.slash('export users csv last-week', { user_id: ADMIN });
    const answer = await e.answer(sent.responseUrl);
    expect(String(answer.text)).toContain('to your DM');
    const upload = e.fake.uploads.find((u) => u.filename.endsWith('.csv'));
    expect(upload?.channelId).toBe(ADMIN_DM);
    const [header, ...rows] = (upload?.bytes.toString('utf8') ?? '').trim().split('\n');
    expect(header).toMatch(/user/i);
    expect(rows.length).toBeGreaterThan(100);
    expect(e.fake.calls.map((c) => c.method)).toContain('files.completeUploadExternal');
  });

  it('/codex export users refuses a non-admin without a stack trace', async () => {
    const before = e.fake.uploads.length;
    const sent = await e.slash('export users csv', { user_id: ALICE });
    const answer = await e.answer(sent.responseUrl);
    expect(String(answer.text)).toContain('limited to Codex Pulse admins');
    expect(allText(answer)).not.toMatch(STACK_TRACE);
    expect(e.fake.uploads.length).toBe(before);
  });
});
