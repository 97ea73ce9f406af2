import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stripMention } from '../../src/slack/app-mention.js';
import { ALICE, GENERAL, type Harness, startEdge } from './edge-harness.js';

describe('app_mention', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startEdge();
  });
  afterEach(async () => {
    await h.close();
  });

  it('answers inside the thread it was asked in, with the same grammar as /codex', async () => {
    expect(
      await h.mention({
        text: '<@U0FAKEBOT1> plain',
        ts: '1732440000.000900',
        thread_ts: '1732440000.000500',
      }),
    ).toBe(200);
    const post = await h.fake.waitFor((c) => c.method === 'chat.postMessage');
    expect(post.params).toMatchObject({
      channel: GENERAL,
      thread_ts: '1732440000.000500',
      text: expect.stringContaining('Plain'),
    });
    expect(h.invocations[0]).toMatchObject({ text: 'plain', userId: ALICE, channelId: GENERAL });
  });

  it('starts a thread on the mention itself when asked at the top level', async () => {
    await h.mention({ text: '<@U0FAKEBOT1> digest', ts: '1732440000.000900' });
    await h.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && String(c.params.text).includes('Reply two'),
    );
    const posts = h.fake.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts.map((p) => p.params.thread_ts)).toEqual([
      '1732440000.000900',
      '1732440000.000900',
      '1732440000.000900',
    ]);
  });

  it('sends per-user answers only to the asker, ephemerally in the thread', async () => {
    await h.mention({ text: '<@U0FAKEBOT1> users', ts: '1732440000.000900', thread_ts: '1732440000.000500' });
    const eph = await h.fake.waitFor((c) => c.method === 'chat.postEphemeral');
    expect(eph.params).toMatchObject({
      channel: GENERAL,
      user: ALICE,
      thread_ts: '1732440000.000500',
      text: expect.stringContaining('Top users'),
    });
    expect(h.fake.calls.some((c) => c.method === 'chat.postMessage')).toBe(false);
  });

  it('puts a per-user file in the asker DM, not the thread', async () => {
    await h.mention({ text: '<@U0FAKEBOT1> export requester', ts: '1732440000.000900' });
    const eph = await h.fake.waitFor((c) => c.method === 'chat.postEphemeral');
    expect(eph.params.text).toContain('usage.csv');
    expect(h.fake.uploads[0]?.channelId).toMatch(/^D/);
  });

  it('uploads a file the command left to the channel into the thread it was asked in', async () => {
    await h.mention({
      text: '<@U0FAKEBOT1> export',
      ts: '1732440000.000900',
      thread_ts: '1732440000.000500',
    });
    const complete = await h.fake.waitFor((c) => c.method === 'files.completeUploadExternal');
    expect(complete.params).toMatchObject({ channel_id: GENERAL, thread_ts: '1732440000.000500' });
    expect(h.fake.calls.some((c) => c.method === 'conversations.open')).toBe(false);
  });

  it('puts a requester-only file in the asker DM even when its command is not marked per-user', async () => {
    await h.mention({ text: '<@U0FAKEBOT1> users-export', ts: '1732440000.000900' });
    const eph = await h.fake.waitFor((c) => c.method === 'chat.postEphemeral');
    expect(eph.params.text).toContain('users.csv');
    expect(h.fake.uploads).toHaveLength(1);
    expect(h.fake.uploads[0]?.channelId).toMatch(/^D/);
  });

  it('answers errors to the asker only, friendly', async () => {
    await h.mention({ text: '<@U0FAKEBOT1> boom codex_unavailable', ts: '1732440000.000900' });
    const eph = await h.fake.waitFor((c) => c.method === 'chat.postEphemeral');
    expect(eph.params.text).toContain('having trouble right now');
    expect(eph.params.thread_ts).toBe('1732440000.000900');
  });

  it('strips only the bot mention', () => {
    expect(stripMention('<@U0FAKEBOT1> top   last-week <@U0BOB00001>', 'U0FAKEBOT1')).toBe(
      'top last-week <@U0BOB00001>',
    );
    expect(stripMention('<@U0FAKEBOT1|codex-pulse> usage', 'U0FAKEBOT1')).toBe('usage');
    expect(stripMention('<@U0OTHER01> usage', undefined)).toBe('usage');
  });
});
