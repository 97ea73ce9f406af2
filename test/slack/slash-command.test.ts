import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLimits } from '../../reports/limits/slack-limits.js';
import { sendSigned, signedSlashCommand } from '../helpers/slack-signing.js';
import { ALICE, blocksOf, GENERAL, type Harness, SECRET, startEdge } from './edge-harness.js';

describe('/codex over HTTP', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startEdge({ fake: { filesProcessingCalls: 2 } });
  });
  afterEach(async () => {
    await h.close();
  });

  it('acks with an ephemeral placeholder before the registry resolves', async () => {
    const { status, ack, responseUrl } = await h.slash('slow');
    h.events.push('ack-received');
    expect(status).toBe(200);
    expect(ack).toMatchObject({ response_type: 'ephemeral', text: 'Working on it… :hourglass:' });
    expect(h.fake.responses).toHaveLength(0);

    h.slow.open();
    const answer = await h.answer(responseUrl);
    expect(h.events.indexOf('ack-received')).toBeLessThan(h.events.indexOf('dispatch-resolved'));
    expect(answer).toMatchObject({
      replace_original: true,
      response_type: 'ephemeral',
      text: expect.stringContaining('Slow answer'),
    });
  });

  it('replaces the placeholder with the answer, its chart as a slack_file image and a share button', async () => {
    const { responseUrl } = await h.slash('ping');
    const answer = await h.answer(responseUrl);
    const blocks = blocksOf(answer);
    expect(answer).toMatchObject({ replace_original: true, response_type: 'ephemeral' });
    expect(answer.text).toContain('Pong');
    expect(checkLimits({ text: String(answer.text), blocks: blocks as never, charts: [] })).toEqual([]);

    const image = blocks.find((b) => b.type === 'image');
    const upload = h.fake.uploads[0];
    expect(upload?.filename).toBe('adoption.png');
    expect(image).toMatchObject({
      slack_file: { id: upload?.fileId },
      alt_text: expect.stringContaining('42 weekly'),
    });
    // A private answer's chart goes to the asker's DM, never to the shared channel.
    expect(upload?.channelId).toMatch(/^D/);
    const methods = h.fake.calls.map((c) => c.method);
    const order = ['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal', 'files.info'];
    expect(order.map((m) => methods.indexOf(m))).toEqual(
      [...order.map((m) => methods.indexOf(m))].sort((a, b) => a - b),
    );
    expect(methods.filter((m) => m === 'files.info').length).toBeGreaterThanOrEqual(2);

    const share = blocks.find((b) => b.type === 'actions');
    expect(share?.elements[0]).toMatchObject({
      action_id: 'codex_pulse_share',
      text: { text: 'Share to channel' },
    });
    expect(blocks.findIndex((b) => b.type === 'image')).toBeLessThan(
      blocks.findIndex((b) => b.block_id === 'report-footer'),
    );
  });

  it('passes who is asking to the registry: user, channel, team, timezone, lazy email', async () => {
    const { responseUrl } = await h.slash('whoami');
    await h.answer(responseUrl);
    const inv = h.invocations[0];
    expect(inv).toMatchObject({
      userId: ALICE,
      channelId: GENERAL,
      teamId: 'T0FAKE0001',
      isAdmin: false,
      userTimezone: 'Europe/Paris',
    });
    await expect(inv?.lookupEmail()).resolves.toBe('alice@example.com');
  });

  it.each([
    ['codex_auth', 'lacks codex.enterprise.analytics.read. Ask your admin to check CODEX_API_KEY.'],
    ['codex_query_rejected start must be before end', 'rejected the query: start must be before end'],
    ['codex_rate_limited', 'Try again in 60 s'],
    [
      'usage_invalid Usage: /codex usage [last-week|last-month]',
      'Usage: /codex usage [last-week|last-month]',
    ],
    ['codex_contract', "doesn't understand"],
  ])('turns error %s into a friendly ephemeral reply and a log line', async (args, expected) => {
    const { responseUrl } = await h.slash(`boom ${args}`);
    const answer = await h.answer(responseUrl);
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(answer.text).toContain(expected);
    const code = args.split(' ')[0];
    const line = h.logger.lines.find((l) => l.msg === 'command failed');
    expect(line).toMatchObject({
      code,
      command: 'boom',
      user: ALICE,
      team: 'T0FAKE0001',
      durationMs: expect.any(Number),
    });
  });

  it('never shows a stack trace: unknown errors get a reference that matches the log', async () => {
    const { responseUrl } = await h.slash('boom');
    const answer = await h.answer(responseUrl);
    const text = String(answer.text);
    expect(text).toMatch(/Something went wrong \(ref: [0-9a-f]{8}\)/);
    expect(text).not.toMatch(/kaboom|secret\.ts|at Object/);
    const ref = /ref: ([0-9a-f]{8})/.exec(text)?.[1];
    expect(h.logger.lines.find((l) => l.msg === 'command failed')).toMatchObject({
      code: 'internal',
      ref,
      level: 'error',
    });
  });

  it('posts an in_channel answer after deleting the placeholder', async () => {
    const { responseUrl } = await h.slash('public');
    const posted = await h.answer(responseUrl, (b) => b.response_type === 'in_channel');
    const all = h.fake.responses.filter((r) => r.url === responseUrl).map((r) => r.body);
    expect(all[0]).toEqual({ delete_original: true });
    expect(posted.text).toContain('Public');
    expect(h.fake.uploads[0]?.channelId).toBe(GENERAL);
  });

  it('uploads a file reply to the channel with its comment, then removes the placeholder', async () => {
    const { responseUrl } = await h.slash('export');
    await h.answer(responseUrl, (b) => b.delete_original === true);
    const complete = h.fake.calls.find((c) => c.method === 'files.completeUploadExternal');
    expect(complete?.params).toMatchObject({
      channel_id: GENERAL,
      initial_comment: expect.stringContaining('Usage export'),
    });
    expect(h.fake.uploads[0]?.bytes.toString()).toContain('2026-01-01,42');
  });

  it("uploads a requester-only file (per-user export) to the asker's DM, never to the channel", async () => {
    const { responseUrl } = await h.slash('users-export');
    const answer = await h.answer(responseUrl, (b) => b.replace_original === true);
    expect(answer).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('users.csv') });
    expect(answer.text).toContain('your DM');
    expect(h.fake.uploads).toHaveLength(1);
    expect(h.fake.uploads[0]?.channelId).toMatch(/^D/);
    const complete = h.fake.calls.filter((c) => c.method === 'files.completeUploadExternal');
    expect(complete.map((c) => c.params.channel_id)).not.toContain(GENERAL);
    expect(h.fake.calls.some((c) => c.method === 'conversations.open')).toBe(true);
  });

  it('never falls back to the channel when the DM for a requester-only file cannot be opened', async () => {
    h.fake.failNext('conversations.open', { error: 'cannot_dm_bot' });
    const { responseUrl } = await h.slash('users-export');
    const answer = await h.answer(responseUrl, (b) => b.replace_original === true);
    expect(answer).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining("couldn't open a DM"),
    });
    expect(h.fake.uploads).toHaveLength(0);
  });

  it('answers the invite hint when a public answer cannot be posted (not_in_channel)', async () => {
    h.fake.channels.set('C0SECRET01', { id: 'C0SECRET01', name: 'secret', is_member: false });
    const { responseUrl } = await h.slash('digest', { channel_id: 'C0SECRET01' });
    const answer = await h.answer(responseUrl);
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(answer.text).toContain('/invite @Codex Pulse');
  });

  it('rejects a bad signature and a 6-minute-old timestamp with 401, and never dispatches', async () => {
    const fields = { text: 'ping', response_url: h.fake.responseUrl() };
    const bad = await sendSigned(
      `${h.base}/slack/events`,
      signedSlashCommand(fields, { secret: 'wrong-secret' }),
    );
    const old = await sendSigned(
      `${h.base}/slack/events`,
      signedSlashCommand(fields, { secret: SECRET, timestamp: Math.floor(Date.now() / 1000) - 360 }),
    );
    expect([bad.status, old.status]).toEqual([401, 401]);
    expect(h.invocations).toHaveLength(0);
  });

  it('serves GET /healthz', async () => {
    const res = await fetch(`${h.base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version: '9.9.9-test' });
  });
});
