import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandText } from '../../commands/args/parse-command.js';
import { usersExportRefusal } from '../../commands/export-command.js';
import {
  type CommandHarness,
  expectReplyWithinLimits,
  fileOf,
  fixedNow,
  messageOf,
  startCommandHarness,
} from './command-harness.js';

function windowOf(text: string) {
  const parsed = parseCommandText(text, fixedNow);
  if (parsed.name !== 'export') throw new Error(`${text} is not an export`);
  return parsed.window;
}

/** CSV records split on CRLF (our writer never puts a bare CRLF inside a field unquoted). */
function records(csv: string): string[] {
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv.slice(0, -2).split('\r\n');
}

describe('/codex export against the simulator', () => {
  let h: CommandHarness;
  beforeAll(async () => {
    h = await startCommandHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('usage csv: a header row, one record per row, named by kind and window, for the channel', async () => {
    const reply = fileOf(await h.run('export usage'));
    const table = await h.analytics.exportTable('usage', windowOf('export usage'));
    expect(reply).toMatchObject({
      filename: 'codex-usage-2026-11-17_2026-11-23.csv',
      filetype: 'csv',
      audience: 'channel',
    });
    const lines = records(reply.content);
    expect(lines[0]).toBe(table.columns.join(','));
    expect(lines).toHaveLength(table.rows.length + 1);
    expect(table.rows.length).toBeGreaterThan(0);
    expectReplyWithinLimits(reply);
    expect(reply.comment.text).toContain(`${table.rows.length} rows`);
    expect(reply.comment.text).toContain('last 7 days (17–23 Nov)');
    expect(reply.title).toContain('Tue 17 Nov – Mon 23 Nov');
    expect(reply.comment.text).toContain('CSV');
  });

  it('reviews json: an array of objects keyed by the columns', async () => {
    const reply = fileOf(await h.run('export reviews json 30d'));
    const table = await h.analytics.exportTable('reviews', windowOf('export reviews 30d'));
    expect(reply).toMatchObject({
      filename: 'codex-reviews-2026-10-25_2026-11-23.json',
      filetype: 'json',
      audience: 'channel',
    });
    const parsed = JSON.parse(reply.content) as Array<Record<string, unknown>>;
    expect(parsed).toHaveLength(table.rows.length);
    expect(Object.keys(parsed[0] ?? {})).toEqual(table.columns);
    expect(reply.comment.text).toContain('JSON');
  });

  it('users: refused for non-admins, before any per-user row is fetched', async () => {
    const before = h.sim.stats().requests;
    const reply = await h.run('export users');
    expect(reply).toMatchObject({ kind: 'message', visibility: 'ephemeral', shareable: false });
    expect(messageOf(reply).text).toBe(usersExportRefusal);
    expect(h.sim.stats().requests).toBe(before);
  });

  it('users for admins: per-user rows, only for the requester (the edge sends it to their DM)', async () => {
    const reply = fileOf(await h.run('export users csv last-week', { isAdmin: true }));
    const table = await h.analytics.exportTable('users', windowOf('export users last-week'));
    expect(reply).toMatchObject({
      filename: 'codex-users-2026-11-16_2026-11-22.csv',
      audience: 'requester',
    });
    const lines = records(reply.content);
    expect(lines).toHaveLength(table.rows.length + 1);
    expect(table.rows.length).toBeGreaterThan(0);
    expect(reply.comment.text).toContain('sent only to you');
    expectReplyWithinLimits(reply);
  });
});
