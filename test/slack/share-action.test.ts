import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedAction } from '../helpers/slack-signing.js';
import { fileShareStore } from '../helpers/test-share-store.js';
import { ALICE, BOB, blocksOf, GENERAL, type Harness, SECRET, startEdge } from './edge-harness.js';

const ADMINS = 'S0ADMINS01';

describe('Share to channel', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startEdge();
  });
  afterEach(async () => {
    await h.close();
  });

  async function shareButtonOf(command: string, channel_id = GENERAL) {
    const { responseUrl } = await h.slash(command, { channel_id });
    const answer = await h.answer(responseUrl);
    const actions = blocksOf(answer).find((b) => b.type === 'actions');
    return actions?.elements[0] as Record<string, any>;
  }

  async function shareIdOf(command: string, channel_id = GENERAL): Promise<string> {
    return String((await shareButtonOf(command, channel_id))?.value);
  }

  async function click(value: string, channelId = GENERAL, userId = ALICE) {
    const responseUrl = h.fake.responseUrl();
    const res = await h.send(
      signedAction(
        { actionId: 'codex_pulse_share', value, responseUrl, channelId, userId },
        { secret: SECRET },
      ),
    );
    expect(res.status).toBe(200);
    return responseUrl;
  }

  const posted = () => h.fake.calls.filter((c) => c.method === 'chat.postMessage');

  it('shares after a restart: a new app over the same store posts the answer', async () => {
    const shares = fileShareStore();
    await h.close();
    h = await startEdge({ shares });
    const value = await shareIdOf('plain');
    await h.close();
    h = await startEdge({ shares });
    const responseUrl = await click(value);
    await h.answer(responseUrl, (b) => b.delete_original === true);
    expect(posted()[0]?.params).toMatchObject({ channel: GENERAL, text: expect.stringContaining('Plain') });
  });

  it('expires 30 minutes after the answer, by the injected clock', async () => {
    const value = await shareIdOf('plain');
    h.clock.advance(30 * 60_000);
    const answer = await h.answer(await click(value));
    expect(answer.text).toContain('expired');
    expect(posted()).toEqual([]);
  });

  it('refuses a click from someone else: nothing is posted, the owner can still share', async () => {
    const value = await shareIdOf('plain');
    const refused = await h.answer(await click(value, GENERAL, BOB));
    expect(refused).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(refused.text).toContain('Only the person who ran the command can share it');
    expect(posted()).toEqual([]);

    const responseUrl = await click(value);
    await h.answer(responseUrl, (b) => b.delete_original === true);
    expect(posted()).toHaveLength(1);
  });

  it('asks an admin to confirm sharing names, saying how many people the answer names', async () => {
    await h.close();
    h = await startEdge({ adminUserIds: [ALICE] });
    const button = await shareButtonOf('rank');
    expect(button.confirm).toMatchObject({
      title: { type: 'plain_text' },
      text: { text: expect.stringContaining('names 3 people') },
      confirm: { type: 'plain_text', text: 'Share' },
      deny: { type: 'plain_text', text: 'Cancel' },
    });
    // An aggregate answer names nobody: no dialog in the way.
    expect((await shareButtonOf('plain')).confirm).toBeUndefined();
  });

  it('refuses a per-user answer from an admin who has been demoted since', async () => {
    await h.close();
    h = await startEdge({ adminUsergroupId: ADMINS });
    h.fake.usergroupMembers.set(ADMINS, [ALICE]);
    const value = await shareIdOf('rank');
    h.fake.usergroupMembers.set(ADMINS, []);
    h.clock.advance(61_000); // past the usergroup cache
    const refused = await h.answer(await click(value));
    expect(refused.text).toContain('admins');
    expect(posted()).toEqual([]);
  });

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
