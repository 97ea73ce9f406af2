import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDigestService } from '../../src/digests/create-digest-service.js';
import { embeddedBackend, postgresBackend } from '../store/store-backends.js';
import { type Harness, PERIOD, startHarness } from './digest-harness.js';

describe.each([
  { name: 'embedded (two services, one store)', backend: embeddedBackend },
  { name: 'postgres (two replicas, two pools)', backend: postgresBackend },
])('two schedulers racing: $name', ({ backend }) => {
  const chosen = backend();
  let h: Harness;
  beforeAll(async () => {
    if (chosen.available) h = await startHarness({ backend: chosen });
  });
  afterAll(async () => {
    if (chosen.available) await h.close();
  });

  it.skipIf(!chosen.available)('posts exactly one parent per subscription', async () => {
    const subs = [];
    for (let i = 0; i < 6; i += 1)
      subs.push(await h.subscribe({ channelId: `C0RACE00${i}`, style: i % 2 ? 'leadership' : 'standard' }));
    const otherStore = chosen.replicas ? await h.openReplica() : h.store;
    const a = h.service('replica-a');
    const b = createDigestService({
      store: otherStore,
      analytics: h.c.analytics,
      renderChart: h.c.renderChart,
      slack: h.slack,
      clock: h.clock,
      logger: h.logger,
      metrics: h.c.metrics,
      workerId: 'replica-b',
    });
    const now = h.clock.now();
    const [ra, rb] = await Promise.all([a.runDue(now), b.runDue(now)]);

    for (const sub of subs) {
      const statuses = [ra, rb].map(
        (r) => r.results.find((x) => x.subscriptionId === sub.id)?.outcome.status,
      );
      expect(statuses.filter((s) => s === 'delivered')).toHaveLength(1);
      expect(statuses.filter((s) => s === 'already')).toHaveLength(1);
      const posts = h.posts(sub.channelId);
      expect(posts.filter((p) => p.params.thread_ts === undefined)).toHaveLength(1);
      expect(posts).toHaveLength(sub.style === 'leadership' ? 5 : 6);
      const delivery = await h.store.deliveries.get({ subscriptionId: sub.id, periodStart: PERIOD });
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 1 });
    }
  });
});
