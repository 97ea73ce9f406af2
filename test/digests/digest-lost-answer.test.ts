/**
 * Issue 9, part 5.1 without a crash: the connection drops after Slack stored a digest post (the answer
 * is lost) or before the post reached Slack. The worker must not retry blindly — that posts the part
 * twice — but ask Slack whether it landed, and post again only when it did not. One attempt, each once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeSlackCall } from '../../src/dev/fake-slack/fake-slack.js';
import { type Harness, PERIOD, startHarness } from './digest-harness.js';

describe('a digest post whose connection drops', () => {
  let h: Harness;
  let seq = 0;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  for (const [part, name] of [
    [0, 'the parent'],
    [2, 'reply #2'],
  ] as const) {
    it(`${name}: its answer lost after Slack stored it, the next post lost before Slack: each once`, async () => {
      seq += 1;
      const channelId = `C0LOST${String(seq).padStart(4, '0')}`;
      const sub = await h.subscribe({ channelId });
      const drops = new Set<string>();
      // Which part a post is, by its place in the channel (not by its metadata, which is part of the fix).
      const dropOnce = (target: number, label: string) => (call: FakeSlackCall) => {
        if (drops.has(label) || call.params.channel !== channelId || h.posts(channelId).length - 1 !== target)
          return 'answer' as const;
        drops.add(label);
        return 'drop' as const;
      };
      const stops = [
        h.fake.intercept('chat.postMessage', 'after', dropOnce(part, 'lost answer')),
        h.fake.intercept('chat.postMessage', 'before', dropOnce(part + 1, 'never arrived')),
      ];
      try {
        const run = await h.service(`worker-${seq}`).runDue(h.clock.now());
        expect(run.results.find((r) => r.subscriptionId === sub.id)?.outcome.status).toBe('delivered');
      } finally {
        for (const stop of stops) stop();
      }
      expect([...drops].sort()).toEqual(['lost answer', 'never arrived']);
      const delivery = await h.store.deliveries.get({ subscriptionId: sub.id, periodStart: PERIOD });
      expect(delivery).toMatchObject({ status: 'delivered', postedParts: 6, attempts: 1 });
      const posts = h.fake.messages(channelId).filter((m) => m.files === undefined);
      expect(posts.filter((m) => m.threadTs === undefined).map((m) => m.ts)).toEqual([delivery?.parentTs]);
      const replies = posts.filter((m) => m.threadTs !== undefined);
      expect(replies).toHaveLength(5);
      expect(new Set(replies.map((r) => r.text)).size).toBe(5);
      const files = h.fake.messages(channelId).flatMap((m) => (m.files ?? []).map((f) => f.name));
      expect(files).toEqual([...new Set(files)]);
      // It looked before posting again, both times, and said what it found.
      const said = h.logger.lines.filter((l) => l.subscription === sub.id).map((l) => l.msg);
      expect(said).toContain('digest post answer was lost, but Slack has it: not posting again');
      expect(said).toContain('digest post failed without an answer; posting again');
    });
  }
});
