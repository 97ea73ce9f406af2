/**
 * A monthly subscription through the real digest service (issue 11 §3): due at the first Monday 09:00
 * Berlin of the new month, keyed by the closed month, delivered once, and worded as a month.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './digest-harness.js';

const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

describe('digest service: monthly cadence', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('delivers November on the first Monday of December, once, beside a weekly digest of the same run', async () => {
    const monthly = await h.subscribe({ channelId: 'C0MONTHLY1', style: 'leadership', cadence: 'monthly' });
    const weekly = await h.subscribe({ channelId: 'C0WEEKLY01', cadence: 'weekly' });
    // Mon 7 Dec 2026 09:00 in Berlin: the first Monday of December.
    h.clock.set(new Date('2026-12-07T08:00:00Z'));
    const first = await h.service('worker-a').runDue(h.clock.now());
    const outcome = (id: string) => first.results.find((r) => r.subscriptionId === id);
    expect(outcome(monthly.id)).toMatchObject({
      periodStart: utc('2026-11-01'),
      outcome: { status: 'delivered' },
    });
    expect(outcome(weekly.id)).toMatchObject({
      periodStart: utc('2026-11-30'),
      outcome: { status: 'delivered' },
    });
    const [parent] = h.posts(monthly.channelId);
    expect(JSON.stringify(parent?.params)).toContain('Codex leadership digest · November 2026');
    expect(JSON.stringify(parent?.params)).toContain('November 2026 against October');

    // A week later the weekly digest is due again; the monthly one is not.
    h.clock.set(new Date('2026-12-14T08:00:00Z'));
    const second = await h.service('worker-a').runDue(h.clock.now());
    expect(second.results.find((r) => r.subscriptionId === weekly.id)?.outcome.status).toBe('delivered');
    expect(second.results.find((r) => r.subscriptionId === monthly.id)).toMatchObject({
      periodStart: utc('2026-11-01'),
      outcome: { status: 'already' },
    });
    expect(h.posts(monthly.channelId).filter((p) => p.params.thread_ts === undefined)).toHaveLength(1);
  });
});
