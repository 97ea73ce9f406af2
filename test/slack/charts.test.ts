import { afterEach, describe, expect, it } from 'vitest';
import { blocksOf, GENERAL, type Harness, startEdge } from './edge-harness.js';

describe('chart delivery', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('leaves the chart as a file in the thread when processing never completes (bounded polling)', async () => {
    h = await startEdge({ fake: { filesProcessingCalls: 1_000 }, sharePoll: { attempts: 3, delayMs: 500 } });
    const before = h.clock.now().getTime();
    await h.mention({
      text: '<@U0FAKEBOT1> public',
      ts: '1732440000.000900',
      thread_ts: '1732440000.000500',
    });
    const post = await h.fake.waitFor((c) => c.method === 'chat.postMessage');
    expect(post.params.thread_ts).toBe('1732440000.000500');
    expect(blocksOf(post.params).some((b) => b.type === 'image')).toBe(false);
    expect(JSON.stringify(post.params.blocks)).toContain('chart posted as a file in the thread');
    expect(JSON.stringify(post.params.blocks)).toContain('42 weekly active users'); // alt text keeps the numbers
    expect(h.fake.uploads[0]).toMatchObject({ channelId: GENERAL, threadTs: '1732440000.000500' });
    expect(h.fake.calls.filter((c) => c.method === 'files.info')).toHaveLength(3);
    // The first look is immediate, then the injected clock paces the rest (500 + 1000 ms): no real sleeping.
    expect(h.clock.now().getTime() - before).toBe(1_500);
  });

  it('retries without the image when Slack rejects the post with invalid_blocks', async () => {
    h = await startEdge();
    h.fake.failNext('chat.postMessage', { error: 'invalid_blocks' });
    await h.mention({
      text: '<@U0FAKEBOT1> public',
      ts: '1732440000.000900',
      thread_ts: '1732440000.000500',
    });
    await h.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && !JSON.stringify(c.params.blocks).includes('slack_file'),
    );
    const posts = h.fake.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(blocksOf(posts[0]?.params ?? {}).some((b) => b.type === 'image')).toBe(true);
    expect(posts[1]?.params.text).toContain('Public');
    expect(JSON.stringify(posts[1]?.params.blocks)).toContain('42 weekly active users');
  });

  it('retries an ephemeral respond() without the image when the response_url refuses it', async () => {
    h = await startEdge();
    h.fake.failNext('response_url', { error: 'invalid_blocks' });
    const { responseUrl } = await h.slash('ping');
    const answer = await h.answer(responseUrl);
    expect(blocksOf(answer).some((b) => b.type === 'image')).toBe(false);
    expect(answer.text).toContain('Pong');
    expect(
      h.logger.lines.some((l) => l.msg === 'message with chart images rejected; sending it without images'),
    ).toBe(true);
  });

  it('shows text charts as code blocks, public URLs as images, and localhost URLs or failures as alt text', async () => {
    h = await startEdge();
    const { responseUrl } = await h.slash('charts text-bars url-trend local-trend broken');
    const answer = await h.answer(responseUrl);
    const json = JSON.stringify(answer.blocks);
    const blocks = blocksOf(answer);
    expect(json).toContain('```▇▇▇▇ 42```');
    expect(blocks.filter((b) => b.type === 'image').map((b) => b.image_url)).toEqual([
      'https://quickchart.io/chart/render/url-trend',
    ]);
    expect(json).not.toContain('127.0.0.1:9999');
    expect(json).toContain('local-trend chart');
    expect(json).toContain('broken chart');
    expect(answer.text).toContain('Charts');
    expect(h.fake.uploads).toHaveLength(0);
  });
});
