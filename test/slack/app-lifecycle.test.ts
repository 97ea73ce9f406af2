import { SocketModeReceiver } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.js';
import { systemQuietTimer } from '../../src/slack/quiet-timer.js';
import { createSlackApp } from '../../src/slack/slack-app.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { signedEvent } from '../helpers/slack-signing.js';
import { testMetrics } from '../helpers/test-metrics.js';
import { fileShareStore } from '../helpers/test-share-store.js';
import {
  ALICE,
  BOB,
  createTestRegistry,
  type Harness,
  renderChart,
  SECRET,
  startEdge,
} from './edge-harness.js';

describe('Slack app lifecycle and access', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('publishes App Home from homeView with the viewer admin status', async () => {
    const seen: Array<{ userId: string; isAdmin: boolean }> = [];
    h = await startEdge({
      adminUserIds: [ALICE],
      homeView: async (ctx) => {
        seen.push(ctx);
        return [{ type: 'section', text: { type: 'mrkdwn', text: `Hello <@${ctx.userId}>` } }];
      },
    });
    const res = await h.send(
      signedEvent(
        { type: 'app_home_opened', user: ALICE, channel: 'D0ALICE001', tab: 'home' },
        { secret: SECRET },
      ),
    );
    expect(res.status).toBe(200);
    const publish = await h.fake.waitFor((c) => c.method === 'views.publish');
    expect(publish.params).toMatchObject({
      user_id: ALICE,
      view: { type: 'home', blocks: [{ type: 'section' }] },
    });
    expect(seen).toEqual([{ userId: ALICE, isAdmin: true }]);
  });

  it('treats members of the admin usergroup as admins, caching the membership list', async () => {
    h = await startEdge({ adminUsergroupId: 'S0ADMINS01' });
    h.fake.usergroupMembers.set('S0ADMINS01', [BOB]);
    for (const user_id of [BOB, ALICE, BOB]) {
      const { responseUrl } = await h.slash('whoami', { user_id });
      await h.answer(responseUrl);
    }
    expect(h.invocations.map((i) => [i.userId, i.isAdmin])).toEqual([
      [BOB, true],
      [ALICE, false],
      [BOB, true],
    ]);
    expect(h.fake.calls.filter((c) => c.method === 'usergroups.users.list')).toHaveLength(1);
  });

  it('fails closed when the usergroup lookup fails', async () => {
    h = await startEdge({ adminUsergroupId: 'S0MISSING1' });
    const { responseUrl } = await h.slash('whoami');
    await h.answer(responseUrl);
    expect(h.invocations[0]?.isAdmin).toBe(false);
  });

  it('stop() waits for answers in flight before closing', async () => {
    const harness = await startEdge();
    h = harness;
    const { responseUrl } = await harness.slash('slow');
    let stopped = false;
    const stopping = harness.edge.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);
    harness.slow.open();
    await stopping;
    expect(
      harness.fake.responses.some(
        (r) => r.url === responseUrl && String(r.body.text).includes('Slow answer'),
      ),
    ).toBe(true);
  });

  it('skips auth.test at start-up when botId and botUserId are configured', async () => {
    h = await startEdge();
    const { responseUrl } = await h.slash('plain');
    await h.answer(responseUrl);
    expect(h.fake.calls.some((c) => c.method === 'auth.test')).toBe(false);
  });

  it('uses Socket Mode when an app token is configured (constructed, not connected)', () => {
    const { app } = createSlackApp({
      quietTimer: systemQuietTimer,
      config: {
        botToken: 'xoxb-t',
        appToken: 'xapp-t',
        botId: 'B1',
        botUserId: 'U1',
        port: 0,
        adminUserIds: [],
      },
      registry: createTestRegistry().registry,
      renderChart,
      clock: createManualClock(new Date(0)),
      logger: createMemoryLogger(),
      shares: fileShareStore(),
      metrics: testMetrics(),
      ready: async () => {},
    });
    expect((app as unknown as { receiver: unknown }).receiver).toBeInstanceOf(SocketModeReceiver);
  });
});
