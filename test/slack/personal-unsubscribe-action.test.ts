/**
 * The personal weekly DM's Unsubscribe button (issue 13 §4), through the real Bolt app with signed
 * requests and the real embedded store: the subscriber ends it; anyone else (a forwarded message, a
 * replayed id) is refused and nothing changes; a second click says it is already off.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PERSONAL_UNSUBSCRIBE_ACTION_ID } from '../../reports/personal/personal-week-message.js';
import { createManualClock } from '../../src/clock.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store-types.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { signedAction } from '../helpers/slack-signing.js';
import { ALICE, BOB, type Harness, SECRET, startEdge } from './edge-harness.js';

describe('personal DM Unsubscribe button', () => {
  let h: Harness;
  let store: Store;
  let dir: string;
  let subscriptionId: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'codex-pulse-personal-button-'));
    store = await openStore({
      dataDir: dir,
      logger: createMemoryLogger(),
      clock: createManualClock(new Date('2026-01-15T12:00:00Z')),
    });
    const sub = await store.subscriptions.create({
      teamId: 'T0FAKE0001',
      channelId: ALICE,
      ownerUserId: ALICE,
      kind: 'personal',
      day: 'mon',
      time: '09:00',
      timeZone: 'Europe/Paris',
      style: 'standard',
      cadence: 'weekly',
    });
    subscriptionId = sub.id;
    h = await startEdge({ subscriptions: store.subscriptions });
  });
  afterEach(async () => {
    await h.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function click(value: string, userId: string) {
    const responseUrl = h.fake.responseUrl();
    const res = await h.send(
      signedAction(
        { actionId: PERSONAL_UNSUBSCRIBE_ACTION_ID, value, responseUrl, channelId: 'D0ALICE001', userId },
        { secret: SECRET },
      ),
    );
    expect(res.status).toBe(200);
    return h.answer(responseUrl);
  }

  it('refuses anyone but the subscriber and changes nothing', async () => {
    const refused = await click(subscriptionId, BOB);
    expect(refused).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(refused.text).toContain('Only the person this weekly DM is for');
    expect(await store.subscriptions.findPersonal('T0FAKE0001', ALICE)).not.toBeNull();
  });

  it('ends it for the subscriber; a second click says it is already off', async () => {
    const done = await click(subscriptionId, ALICE);
    expect(done).toMatchObject({ response_type: 'ephemeral' });
    expect(done.text).toContain('Unsubscribed: no more weekly DM');
    expect(await store.subscriptions.findPersonal('T0FAKE0001', ALICE)).toBeNull();
    expect((await click(subscriptionId, ALICE)).text).toContain('already off');
  });

  it('does not end a channel digest whose id is replayed on the button, even by its owner', async () => {
    const channel = await store.subscriptions.create({
      teamId: 'T0FAKE0001',
      channelId: 'C0GENERAL1',
      ownerUserId: ALICE,
      day: 'mon',
      time: '09:00',
      timeZone: 'UTC',
      style: 'standard',
      cadence: 'weekly',
    });
    expect((await click(channel.id, ALICE)).text).toContain('already off');
    expect(await store.subscriptions.get(channel.id)).not.toBeNull();
  });
});
