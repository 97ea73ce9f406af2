import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedAction } from '../helpers/slack-signing.js';
import { blocksOf, GENERAL, type Harness, SECRET, startEdge } from './edge-harness.js';

describe('Share to channel', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startEdge();
  });
  afterEach(async () => {
    await h.close();
  });

  async function shareIdOf(command: string, channel_id = GENERAL): Promise<string> {
    const { responseUrl } = await h.slash(command, { channel_id });
    const answer = await h.answer(responseUrl);
    const actions = blocksOf(answer).find((b) => b.type === 'actions');
    return String(actions?.elements[0]?.value);
  }

  async function click(value: string, channelId = GENERAL) {
    const responseUrl = h.fake.responseUrl();
    const res = await h.send(
      signedAction({ actionId: 'codex_pulse_share', value, responseUrl, channelId }, { secret: SECRET }),
    );
    expect(res.status).toBe(200);
    return responseUrl;
  }

  it('posts a public copy (with who shared it and the chart image), then deletes the ephemeral', async () => {
    const value = await shareIdOf('ping');
    const responseUrl = await click(value);
    await h.answer(responseUrl, (b) => b.delete_original === true);

    const post = h.fake.calls.find((c) => c.method === 'chat.postMessage');
    expect(post?.params).toMatchObject({ channel: GENERAL, text: expect.stringContaining('Pong') });
    expect(JSON.stringify(post?.params.blocks)).toContain('Shared by <@U0ALICE001>');
    expect(JSON.stringify(post?.params.blocks)).not.toContain('codex_pulse_share');
    // The chart is uploaded into the post's own thread, then the post gains the image.
    const update = await h.fake.waitFor((c) => c.method === 'chat.update');
    expect(update.params.ts).toBeDefined();
    expect(blocksOf(update.params).some((b) => b.type === 'image' && b.slack_file)).toBe(true);
    expect(h.fake.uploads.at(-1)).toMatchObject({ channelId: GENERAL, threadTs: update.params.ts });
  });

  it('shares a thread answer as a parent and replies in its thread', async () => {
    const value = await shareIdOf('digest private');
    const responseUrl = await click(value);
    await h.answer(responseUrl, (b) => b.delete_original === true);
    const posts = h.fake.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(3);
    const parentTs = h.fake.calls.find((c) => c.method === 'chat.update')?.params.ts;
    expect(posts.slice(1).map((p) => p.params.thread_ts)).toEqual([parentTs, parentTs]);
  });

  it('keeps the ephemeral and explains how to invite the bot when it is not in the channel', async () => {
    h.fake.channels.set('C0SECRET01', { id: 'C0SECRET01', name: 'secret', is_member: false });
    const value = await shareIdOf('plain', 'C0SECRET01');
    const responseUrl = await click(value, 'C0SECRET01');
    const answer = await h.answer(responseUrl);
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(answer.text).toContain('/invite @Codex Pulse');
    expect(h.fake.responses.some((r) => r.url === responseUrl && r.body.delete_original)).toBe(false);
  });

  it('says the answer expired when the share id is unknown (restart, other process)', async () => {
    const responseUrl = await click('no-such-id');
    const answer = await h.answer(responseUrl);
    expect(answer.text).toContain('expired');
    expect(h.fake.calls.some((c) => c.method === 'chat.postMessage')).toBe(false);
  });
});
