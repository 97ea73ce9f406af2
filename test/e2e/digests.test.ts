/**
 * Scheduled digests end to end, wired as `serve` wires them: an admin subscribes a channel with a slash
 * command, the scheduler's tick at the due minute posts the digest thread to that channel, and
 * `/codex digest list` then shows the run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ALICE, allText, type E2e, startE2e } from './e2e-harness.js';

const CHANNEL = 'C0DIGEST01';
let e: E2e;

beforeAll(async () => {
  e = await startE2e({}, { digests: true });
});
afterAll(async () => {
  await e?.close();
});

describe('/codex digest through the Slack app', () => {
  it('subscribes, delivers at the due time as a thread, and lists the run', async () => {
    const refused = await e.slash('digest subscribe tue 11:00 UTC', { user_id: ALICE, channel_id: CHANNEL });
    expect(allText(await e.answer(refused.responseUrl))).toMatch(/admin/i);

    const subscribed = await e.slash('digest subscribe tue 11:00 UTC leadership', {
      user_id: ADMIN,
      channel_id: CHANNEL,
    });
    const confirmation = allText(await e.answer(subscribed.responseUrl));
    expect(confirmation).toContain(`<#${CHANNEL}>`);
    expect(confirmation).toMatch(/every Tuesday at 11:00 UTC/);
    const [subscription] = (await e.digests?.store.subscriptions.list()) ?? [];
    expect(subscription).toMatchObject({ channelId: CHANNEL, ownerUserId: ADMIN, style: 'leadership' });

    // The clock is pinned at Tue 10:00 UTC: nothing is due yet. At 11:00 the tick delivers it.
    const service = e.digests?.service;
    expect((await service?.runDue(e.clock.now()))?.results).toEqual([]);
    e.clock.set(new Date('2026-11-24T11:00:30Z'));
    const run = await service?.runDue(e.clock.now());
    expect(run?.results.map((r) => r.outcome.status)).toEqual(['delivered']);

    const posts = e.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === CHANNEL);
    const parent = posts.find((p) => p.params.thread_ts === undefined);
    expect(String(parent?.params.text)).toContain('Codex leadership digest');
    expect(posts.filter((p) => p.params.thread_ts !== undefined).length).toBeGreaterThanOrEqual(3);

    const listed = await e.slash('digest list', { user_id: ALICE, channel_id: CHANNEL });
    expect(allText(await e.answer(listed.responseUrl))).toMatch(/delivered/i);
  });
});
