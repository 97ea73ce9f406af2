/**
 * Ranges older than the analytics' history (issue 11 §3) through the real registry, the real API-backed
 * analytics and the simulator. The simulator serves 90 days back like the API, so the API-backed
 * analytics' history starts on Wed 26 Aug 2026 at the harness's fixed now: these tests assert the
 * "history starts" answers. The full-history answer (a warehouse holding months) is the warehouse
 * integration's test, not this one's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CommandHarness,
  expectReplyWithinLimits,
  fileOf,
  fixedNow,
  messageOf,
  startCommandHarness,
} from './command-harness.js';

const historyStart = Date.parse('2026-08-26T00:00:00Z') / 1000;
const novemberFirst = Date.parse('2026-11-01T00:00:00Z') / 1000;

describe('ranges before the history the analytics holds', () => {
  let h: CommandHarness;
  beforeAll(async () => {
    h = await startCommandHarness({ users: 40 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('the API-backed analytics holds history from its 90-day lookback', async () => {
    expect(await h.analytics.historyStart()).toEqual(new Date('2026-08-26T00:00:00Z'));
    expect(fixedNow.toISOString()).toBe('2026-11-24T10:00:00.000Z');
  });

  it('usage 6m: answers from the history start, by month, and says where history starts', async () => {
    const reply = await h.run('usage 6m');
    expectReplyWithinLimits(reply);
    const message = messageOf(reply);
    expect(message.blocks[1]).toMatchObject({ type: 'context' });
    expect(JSON.stringify(message.blocks[1])).toContain(
      'History starts Wed 26 Aug 2026: Fri 1 May – Sat 31 Oct reaches before it, so the figures cover Wed 26 Aug – Sat 31 Oct only.',
    );
    expect(message.text.startsWith('History starts Wed 26 Aug 2026')).toBe(true);
    const view = await h.analytics.usage(
      { start: historyStart, end: novemberFirst },
      { bucket: 'month', surface: null },
    );
    expect(view.adoption.activeUsers).toBeGreaterThan(0);
    expect(view.adoption.series.map((p) => p.start)).toEqual([
      historyStart,
      Date.parse('2026-09-01T00:00:00Z') / 1000,
      Date.parse('2026-10-01T00:00:00Z') / 1000,
    ]);
    expect(message.text).toContain(`${view.adoption.activeUsers} active users`);
    const chart = JSON.stringify(message.charts[0]);
    expect(chart).toContain('(monthly)');
    expect(chart).toContain('Sep 2026');
    expect(chart).toContain('Oct 2026');
  });

  it('a range wholly before the history start says so instead of showing zeros', async () => {
    const reply = await h.run('usage 2026-03..2026-05');
    expect(reply).toMatchObject({ kind: 'message', shareable: false, audience: 'requester' });
    const message = messageOf(reply);
    expect(message.text).toBe(
      'History starts Wed 26 Aug 2026, after Sun 1 Mar – Sun 31 May ends: there is nothing to show for that range. Try a range from Wed 26 Aug 2026 on.',
    );
    expect(message.charts).toEqual([]);
    expect(JSON.stringify(message.blocks)).not.toContain('Active users');
  });

  it('reviews last-quarter and an admin top 365d are cut to the history start too', async () => {
    const reviews = messageOf(await h.run('reviews last-quarter'));
    expect(reviews.text).toContain(
      'History starts Wed 26 Aug 2026: Wed 1 Jul – Wed 30 Sep reaches before it',
    );
    const top = await h.run('top 365d', { isAdmin: true });
    expectReplyWithinLimits(top);
    expect(messageOf(top).text).toContain('History starts Wed 26 Aug 2026');
  });

  it('90d and last-month need no note: they lie inside the history', async () => {
    for (const text of ['usage 90d', 'usage last-month']) {
      const message = messageOf(await h.run(text));
      expect(message.text).not.toContain('History starts');
      expect(message.blocks[1]).not.toMatchObject({ type: 'context' });
    }
  });

  it('export usage 12m covers the whole history held, from its first day, and says so', async () => {
    const reply = fileOf(await h.run('export usage 12m'));
    expect(reply.filename).toBe('codex-usage-2026-08-26_2026-10-31.csv');
    const [, firstRecord] = reply.content.split('\r\n');
    expect(firstRecord?.startsWith('2026-08-26')).toBe(true);
    expect(reply.comment.text).toContain('History starts Wed 26 Aug 2026');
    expectReplyWithinLimits(reply);
  });

  it('export users all: everything held, from the history start, with no shortfall note', async () => {
    const reply = fileOf(await h.run('export users json all', { isAdmin: true }));
    expect(reply.filename).toBe('codex-users-2026-08-26_2026-11-23.json');
    expect(reply.audience).toBe('requester');
    expect(reply.comment.text).not.toContain('History starts');
    expect(reply.comment.text).toContain('all history, from 26 Aug 2026');
    expect(JSON.parse(reply.content)).not.toHaveLength(0);
  });

  it('me 12m answers the person from the history start', async () => {
    const table = await h.analytics.exportTable('users', { start: historyStart, end: novemberFirst });
    const emailColumn = table.columns.indexOf('email');
    const email = table.rows.map((row) => row[emailColumn]).find((cell) => typeof cell === 'string');
    if (typeof email !== 'string') throw new Error('the simulator gave no emails');
    const message = messageOf(await h.run('me 12m', { email }));
    expect(message.text).toContain('History starts Wed 26 Aug 2026');
  });
});
