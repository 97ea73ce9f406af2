import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../../src/dev/fake-slack/fake-slack.js';

const png = Buffer.from('89504e470d0a1a0a', 'hex');

describe('fake Slack Web API', () => {
  let fake: FakeSlack;
  let client: webApi.WebClient;
  beforeEach(async () => {
    fake = await startFakeSlack({ filesProcessingCalls: 2 });
    client = new webApi.WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('answers auth.test and requires a token', async () => {
    await expect(client.auth.test()).resolves.toMatchObject({
      ok: true,
      user_id: 'U0FAKEBOT1',
      bot_id: 'B0FAKEBOT1',
    });
    const anonymous = await fetch(`${fake.url}auth.test`, { method: 'POST' });
    expect(await anonymous.json()).toEqual({ ok: false, error: 'invalid_auth' });
    expect(fake.calls.map((c) => [c.method, c.token])).toEqual([
      ['auth.test', 'xoxb-test'],
      ['auth.test', null],
    ]);
  });

  it('posts, updates and deletes messages with Slack-shaped ts, decoding form-encoded blocks', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }];
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'hi', blocks });
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(fake.calls[0]?.params).toEqual({ channel: 'C1', text: 'hi', blocks });
    const ts = posted.ts ?? '';
    await expect(client.chat.update({ channel: 'C1', ts, text: 'edited' })).resolves.toMatchObject({
      ok: true,
      ts,
    });
    await expect(client.chat.delete({ channel: 'C1', ts })).resolves.toMatchObject({ ok: true });
    await expect(client.chat.delete({ channel: 'C1', ts })).rejects.toMatchObject({
      data: { error: 'message_not_found' },
    });
    await expect(
      client.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'psst' }),
    ).resolves.toHaveProperty('message_ts');
  });

  it('decodes JSON bodies too', async () => {
    const res = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C1', text: 'json' }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: 'C1' });
    expect(fake.calls[0]?.params).toEqual({ channel: 'C1', text: 'json' });
  });

  it('fails on demand: ok:false errors, then HTTP 429 with Retry-After, each for `count` calls', async () => {
    fake.failNext('chat.postMessage', { error: 'not_in_channel' }, 2);
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'a' })).rejects.toMatchObject({
      data: { error: 'not_in_channel' },
    });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'b' })).rejects.toMatchObject({
      data: { error: 'not_in_channel' },
    });
    const limited = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'channel=C1&text=c',
    });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    await expect(client.chat.postMessage({ channel: 'C1', text: 'd' })).resolves.toMatchObject({ ok: true });
  });

  it('rejects image blocks Slack could not show: localhost URLs and unprocessed files', async () => {
    const image = (extra: Record<string, unknown>) => [{ type: 'image', alt_text: 'chart', ...extra }];
    await expect(
      client.chat.postMessage({
        channel: 'C1',
        text: 'x',
        blocks: image({ image_url: 'http://localhost/x.png' }) as never,
      }),
    ).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });
    await expect(
      client.chat.postMessage({
        channel: 'C1',
        text: 'x',
        blocks: image({ slack_file: { id: 'F404' } }) as never,
      }),
    ).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });
  });

  it('runs the external upload flow and shows shares only after N files.info polls', async () => {
    const result = await client.filesUploadV2({
      channel_id: 'C1',
      thread_ts: '1732440000.000100',
      file: png,
      filename: 'chart.png',
    });
    const fileId = result.files[0]?.files?.[0]?.id ?? '';
    expect(fake.uploads).toEqual([
      { fileId, filename: 'chart.png', bytes: png, channelId: 'C1', threadTs: '1732440000.000100' },
    ]);
    const upload = fake.calls.find((c) => c.method === 'files.getUploadURLExternal');
    expect(upload?.params).toMatchObject({ filename: 'chart.png', length: String(png.length) });
    const first = await client.files.info({ file: fileId });
    expect(first.file?.shares).toBeUndefined();
    const second = await client.files.info({ file: fileId });
    expect(second.file?.shares?.public?.C1?.[0]).toMatchObject({ thread_ts: '1732440000.000100' });
    const blocks = [{ type: 'image', alt_text: 'chart', slack_file: { id: fileId } }];
    await expect(
      client.chat.postMessage({ channel: 'C1', text: 'x', blocks: blocks as never }),
    ).resolves.toMatchObject({ ok: true });
  });

  it("serves a person's shared file: files.info gives its download URL, fetched with a bearer token", async () => {
    const shared = fake.addUserFile({ name: 'roster.csv', content: 'email,team\n', user: 'U1' });
    expect(shared.size).toBe(11);
    const info = await client.files.info({ file: shared.id });
    expect(info.file).toMatchObject({ id: shared.id, name: 'roster.csv', size: 11, user: 'U1' });
    const url = info.file?.url_private_download ?? '';
    const download = await fetch(url, { headers: { authorization: 'Bearer xoxb-test' } });
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('email,team\n');
    expect(fake.calls.at(-1)).toMatchObject({ method: 'files.download', token: 'xoxb-test' });
    // Without a token Slack answers its sign-in page, never the file.
    const anonymous = await fetch(url, { redirect: 'manual' });
    expect(anonymous.status).not.toBe(200);
    // A bot's own upload has no download URL here (only people's shares are served).
    const own = await client.filesUploadV2({ channel_id: 'C1', file: png, filename: 'chart.png' });
    const ownInfo = await client.files.info({ file: own.files[0]?.files?.[0]?.id ?? '' });
    expect(ownInfo.file?.url_private_download).toBeUndefined();
  });

  it('answers directory lookups from the seeded maps', async () => {
    fake.users.set('U1', { id: 'U1', name: 'ana', email: 'ana@example.com', tz: 'Europe/Paris' });
    fake.usergroupMembers.set('S1', ['U1']);
    await expect(client.users.info({ user: 'U1' })).resolves.toMatchObject({
      user: { tz: 'Europe/Paris', profile: { email: 'ana@example.com' } },
    });
    await expect(client.users.lookupByEmail({ email: 'ANA@example.com' })).resolves.toMatchObject({
      user: { id: 'U1' },
    });
    await expect(client.users.info({ user: 'U404' })).rejects.toMatchObject({
      data: { error: 'user_not_found' },
    });
    await expect(client.usergroups.users.list({ usergroup: 'S1' })).resolves.toMatchObject({ users: ['U1'] });
    await expect(client.conversations.open({ users: 'U1' })).resolves.toMatchObject({
      channel: { id: 'D1', is_im: true },
    });
    await expect(client.conversations.info({ channel: 'C9' })).resolves.toMatchObject({
      channel: { id: 'C9', is_member: true },
    });
    await expect(
      client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } }),
    ).resolves.toMatchObject({ ok: true });
  });

  it('enforces a per-channel message rate when asked', async () => {
    const limited = await startFakeSlack({ messageRatePerChannel: 1 });
    try {
      const post = (channel: string) =>
        fetch(`${limited.url}chat.postMessage`, {
          method: 'POST',
          headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/x-www-form-urlencoded' },
          body: `channel=${channel}&text=hi`,
        }).then((r) => r.status);
      expect([await post('C1'), await post('C1'), await post('C2')]).toEqual([200, 429, 200]);
    } finally {
      await limited.close();
    }
  });

  it('records response_url posts and resolves waiters on future calls (no polling)', async () => {
    const url = fake.responseUrl('abc');
    const waiting = fake.waitFor((c) => c.method === 'chat.postMessage' && c.params.text === 'later');
    const answered = fake.waitForResponse((r) => r.url === url);
    await client.chat.postMessage({ channel: 'C1', text: 'later' });
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"done"}',
    });
    await expect(waiting).resolves.toMatchObject({ params: { text: 'later' } });
    await expect(answered).resolves.toEqual({ url, body: { text: 'done' } });
    await expect(fake.waitFor((c) => c.method === 'never', 20)).rejects.toThrow(/nothing matched/);
  });

  it('returns posted metadata from history and replies, only with include_all_metadata, page by page', async () => {
    const metadata = { event_type: 'probe', event_payload: { part: 0 } };
    const parent = await client.chat.postMessage({ channel: 'C1', text: 'parent', metadata });
    const thread = parent.ts ?? '';
    for (let i = 1; i <= 3; i += 1) {
      await client.chat.postMessage({
        channel: 'C1',
        thread_ts: thread,
        text: `reply ${i}`,
        metadata: { event_type: 'probe', event_payload: { part: i } },
      });
    }
    await client.chat.postMessage({ channel: 'C1', text: 'later' });
    const plain = await client.conversations.history({ channel: 'C1' });
    expect(plain.messages?.map((m) => [m.text, m.metadata])).toEqual([
      ['later', undefined],
      ['parent', undefined],
    ]);
    const first = await client.conversations.history({ channel: 'C1', include_all_metadata: true, limit: 1 });
    expect(first.messages?.map((m) => m.text)).toEqual(['later']);
    expect(first.has_more).toBe(true);
    const second = await client.conversations.history({
      channel: 'C1',
      include_all_metadata: true,
      limit: 1,
      cursor: first.response_metadata?.next_cursor ?? '',
    });
    expect(second.messages?.[0]).toMatchObject({ text: 'parent', metadata, reply_count: 3 });
    expect(second.response_metadata?.next_cursor).toBe('');
    // `oldest` is exclusive unless `inclusive`.
    const after = await client.conversations.history({ channel: 'C1', oldest: thread });
    expect(after.messages?.map((m) => m.text)).toEqual(['later']);
    const replies = await client.conversations.replies({
      channel: 'C1',
      ts: thread,
      include_all_metadata: true,
      limit: 3,
    });
    expect(replies.messages?.map((m) => [m.text, m.metadata])).toEqual([
      ['parent', metadata],
      ['reply 1', { event_type: 'probe', event_payload: { part: 1 } }],
      ['reply 2', { event_type: 'probe', event_payload: { part: 2 } }],
    ]);
    const rest = await client.conversations.replies({
      channel: 'C1',
      ts: thread,
      cursor: replies.response_metadata?.next_cursor ?? '',
    });
    expect(rest.messages?.map((m) => m.text)).toEqual(['reply 3']);
    await expect(client.conversations.replies({ channel: 'C1', ts: '1.000000' })).rejects.toMatchObject({
      data: { error: 'thread_not_found' },
    });
    fake.channels.set('C2', { id: 'C2', name: 'elsewhere', is_member: false });
    await expect(client.conversations.history({ channel: 'C2' })).rejects.toMatchObject({
      data: { error: 'not_in_channel' },
    });
  });

  it('lists a thread upload as a file share in conversations.replies', async () => {
    const parent = await client.chat.postMessage({ channel: 'C1', text: 'parent' });
    await client.filesUploadV2({
      channel_id: 'C1',
      thread_ts: parent.ts ?? '',
      file: png,
      filename: 'c.png',
    });
    const replies = await client.conversations.replies({ channel: 'C1', ts: parent.ts ?? '' });
    expect(replies.messages?.[1]?.files?.map((f) => f.name)).toEqual(['c.png']);
    expect(fake.messages('C1').map((m) => m.files?.length ?? 0)).toEqual([0, 1]);
  });

  it('stamps ts with an injected clock, so history bounds mean time', async () => {
    let now = new Date('2026-11-23T08:00:00Z');
    const timed = await startFakeSlack({ now: () => now });
    try {
      const c = new webApi.WebClient('xoxb-test', { slackApiUrl: timed.url, retryConfig: { retries: 0 } });
      const a = await c.chat.postMessage({ channel: 'C1', text: 'a' });
      const b = await c.chat.postMessage({ channel: 'C1', text: 'b' });
      now = new Date('2026-11-23T09:00:00Z');
      const later = await c.chat.postMessage({ channel: 'C1', text: 'c' });
      expect([a.ts, b.ts, later.ts]).toEqual(['1795420800.000000', '1795420800.000001', '1795424400.000000']);
      const since = await c.conversations.history({ channel: 'C1', oldest: '1795422600' });
      expect(since.messages?.map((m) => m.text)).toEqual(['c']);
    } finally {
      await timed.close();
    }
  });

  it('lets a test act the instant a message is stored, and drop the answer (a lost response)', async () => {
    const seen: string[] = [];
    const stop = fake.intercept('chat.postMessage', 'after', async (call, result) => {
      seen.push(`${String(call.params.text)}:${String(result?.ts)}`);
      return call.params.text === 'lost' ? 'drop' : 'answer';
    });
    const before = fake.intercept('chat.postMessage', 'before', () => 'answer');
    await expect(client.chat.postMessage({ channel: 'C1', text: 'lost' })).rejects.toMatchObject({
      code: 'slack_webapi_request_error',
    });
    await client.chat.postMessage({ channel: 'C1', text: 'kept' });
    stop();
    before();
    // The lost one is in the channel all the same: Slack stored it before the answer went missing.
    expect(fake.messages('C1').map((m) => m.text)).toEqual(['lost', 'kept']);
    expect(seen).toHaveLength(2);
    const dropBefore = fake.intercept('chat.postMessage', 'before', () => 'drop');
    await expect(client.chat.postMessage({ channel: 'C1', text: 'never' })).rejects.toBeTruthy();
    dropBefore();
    expect(fake.messages('C1').map((m) => m.text)).toEqual(['lost', 'kept']);
  });
});
