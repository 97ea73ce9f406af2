import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/clock.js';
import type { FakeSlackEvent } from '../../../src/dev/fake-slack/fake-slack.js';
import { FakeSlackBridge } from '../../../src/dev/playground/fake-slack-bridge.js';
import { Feed } from '../../../src/dev/playground/feed.js';

const C = 'C0CODEXDMO';
const URL1 = 'http://127.0.0.1:1/response/r1';

function setup() {
  const feed = new Feed();
  const bridge = new FakeSlackBridge(feed, createManualClock(new Date('2026-11-24T10:00:00Z')), {
    homeUser: 'U0PLAYER01',
    fileName: (id) => (id === 'F1' ? 'adoption.png' : undefined),
  });
  const changes: string[] = [];
  feed.subscribe((c) =>
    changes.push(
      c.type === 'remove' ? `remove ${c.id}` : c.type === 'home' ? 'home' : `upsert ${c.message.id}`,
    ),
  );
  const respond = (body: Record<string, unknown>, url = URL1) =>
    bridge.apply({ kind: 'response', response: { url, body } });
  const call = (
    method: string,
    params: Record<string, unknown>,
    result: Record<string, unknown> = { ok: true },
  ) =>
    bridge.apply({
      kind: 'call',
      call: { method, params, token: 'xoxb', at: 0 },
      result,
    } satisfies FakeSlackEvent);
  return { feed, bridge, changes, respond, call };
}

describe('FakeSlackBridge: what a person would see', () => {
  it('shows the ack as an ephemeral, then replaces it with the answer (replace_original)', () => {
    const { feed, bridge, respond } = setup();
    bridge.route(URL1, C);
    bridge.ack(URL1, { response_type: 'ephemeral', text: 'Working on it… :hourglass:' });
    const [ack] = feed.all();
    expect(ack).toMatchObject({ ephemeral: true, text: 'Working on it… :hourglass:', conversation: C });
    respond({
      response_type: 'ephemeral',
      replace_original: true,
      text: 'Usage',
      blocks: [{ type: 'divider' }],
    });
    expect(feed.all()).toEqual([
      expect.objectContaining({ id: ack?.id, text: 'Usage', rev: 2, ephemeral: true }),
    ]);
  });

  it('deletes the placeholder and posts public answers (delete_original, then in_channel)', () => {
    const { feed, bridge, respond } = setup();
    bridge.route(URL1, C);
    bridge.ack(URL1, { text: 'Working on it…' });
    respond({ delete_original: true });
    respond({ response_type: 'in_channel', text: 'Public answer' });
    expect(feed.all()).toEqual([expect.objectContaining({ text: 'Public answer', ephemeral: false })]);
  });

  it('drops an ack that arrives after the answer it was meant to precede', () => {
    const { feed, bridge, respond } = setup();
    bridge.route(URL1, C);
    respond({ response_type: 'ephemeral', replace_original: true, text: 'Fast answer' });
    bridge.ack(URL1, { text: 'Working on it…' });
    expect(feed.all().map((m) => m.text)).toEqual(['Fast answer']);
  });

  it('a click’s response_url targets the clicked message; unknown response URLs are ignored', () => {
    const { feed, bridge, respond } = setup();
    const clicked = feed.add({
      conversation: C,
      ts: '1.1',
      author: 'bot',
      ephemeral: true,
      text: 'x',
      at: 0,
    });
    bridge.route('http://127.0.0.1:1/response/r2', C, clicked.id);
    respond(
      { response_type: 'ephemeral', replace_original: false, text: 'expired' },
      'http://127.0.0.1:1/response/r2',
    );
    respond({ delete_original: true }, 'http://127.0.0.1:1/response/r2');
    respond({ text: 'stranger' }, 'http://127.0.0.1:1/response/elsewhere');
    expect(feed.all().map((m) => m.text)).toEqual(['expired']);
  });

  it('follows chat.postMessage / update / delete by channel and ts, and thread replies', () => {
    const { feed, call } = setup();
    call('chat.postMessage', { channel: C, text: 'parent' }, { ok: true, ts: '100.000100' });
    call(
      'chat.postMessage',
      { channel: C, text: 'reply', thread_ts: '100.000100' },
      { ok: true, ts: '100.000200' },
    );
    call('chat.postMessage', { channel: C, text: 'refused' }, { ok: false, error: 'not_in_channel' });
    call('chat.update', { channel: C, ts: '100.000100', text: 'parent v2', blocks: [{ type: 'divider' }] });
    expect(feed.all().map((m) => [m.text, m.threadTs ?? null])).toEqual([
      ['parent v2', null],
      ['reply', '100.000100'],
    ]);
    call('chat.delete', { channel: C, ts: '100.000200' });
    expect(feed.all()).toHaveLength(1);
  });

  it('shows chat.postEphemeral as ephemeral, shared files as file messages, and the person’s App Home', () => {
    const { feed, call } = setup();
    call(
      'chat.postEphemeral',
      { channel: C, user: 'U0PLAYER01', text: 'psst', thread_ts: '9.9' },
      { ok: true, message_ts: '9.10' },
    );
    call('files.completeUploadExternal', {
      channel_id: 'D0PLAYER01',
      files: [{ id: 'F1', title: 'Adoption' }],
    });
    call('files.completeUploadExternal', { files: [{ id: 'F1' }] });
    call('views.publish', { user_id: 'U0PLAYER01', view: { type: 'home', blocks: [{ type: 'divider' }] } });
    call('views.publish', { user_id: 'U0SOMEONE1', view: { type: 'home', blocks: [] } });
    const [ephemeral, file] = feed.all();
    expect(ephemeral).toMatchObject({ ephemeral: true, ts: '9.10', threadTs: '9.9' });
    expect(file).toMatchObject({
      conversation: 'D0PLAYER01',
      files: [{ id: 'F1', name: 'adoption.png', title: 'Adoption' }],
    });
    expect(feed.all()).toHaveLength(2);
    expect(feed.home).toEqual([{ type: 'divider' }]);
  });
});
