/**
 * The buttons of an alert firing (issue 13), through the real Bolt app with signed requests: admins
 * snooze and mute the rule (re-checked at the click), others are refused and nothing changes; "Open the
 * report" runs the firing's report for the clicker in their DM.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ALERT_MUTE_ACTION_ID,
  ALERT_OPEN_ACTION_ID,
  ALERT_SNOOZE_ACTION_ID,
} from '../../reports/alerts/alert-actions.js';
import { createManualClock } from '../../src/clock.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store-types.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { signedAction } from '../helpers/slack-signing.js';
import { ALICE, BOB, type Harness, SECRET, startEdge } from './edge-harness.js';

describe('alert firing buttons', () => {
  let h: Harness;
  let store: Store;
  let dir: string;
  let ruleId: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'codex-pulse-alert-buttons-'));
    store = await openStore({
      dataDir: dir,
      logger: createMemoryLogger(),
      clock: createManualClock(new Date('2026-01-15T12:00:00Z')),
    });
    const rule = await store.alerts.create({
      teamId: 'T0FAKE0001',
      ownerUserId: ALICE,
      spec: {
        metric: 'credits',
        condition: { kind: 'anomaly', k: 3 },
        scope: { kind: 'workspace' },
        provisional: false,
      },
      destination: { kind: 'channel', channelId: 'C0ALERTS' },
    });
    ruleId = rule.id;
    h = await startEdge({ adminUserIds: [ALICE], alertRules: store.alerts });
  });
  afterEach(async () => {
    await h.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function click(actionId: string, value: string, userId = ALICE) {
    const responseUrl = h.fake.responseUrl();
    const res = await h.send(
      signedAction({ actionId, value, responseUrl, channelId: 'C0ALERTS', userId }, { secret: SECRET }),
    );
    expect(res.status).toBe(200);
    return responseUrl;
  }

  it('snoozes the rule for 7 days on the injected clock, for an admin', async () => {
    const answer = await h.answer(await click(ALERT_SNOOZE_ACTION_ID, ruleId));
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(answer.text).toContain(`Snoozed alert \`${ruleId}\` until Thu 22 Jan`);
    expect((await store.alerts.get(ruleId))?.snoozedUntil).toEqual(new Date('2026-01-22T12:00:00Z'));
  });

  it('mutes for an admin and refuses anyone else, changing nothing', async () => {
    const refused = await h.answer(await click(ALERT_MUTE_ACTION_ID, ruleId, BOB));
    expect(refused.text).toContain('Only Codex Pulse admins');
    expect((await store.alerts.get(ruleId))?.muted).toBe(false);
    const muted = await h.answer(await click(ALERT_MUTE_ACTION_ID, ruleId));
    expect(muted.text).toContain(`Muted alert \`${ruleId}\``);
    expect((await store.alerts.get(ruleId))?.muted).toBe(true);
  });

  it('says when the rule is gone', async () => {
    await store.alerts.remove(ruleId);
    const answer = await h.answer(await click(ALERT_SNOOZE_ACTION_ID, ruleId));
    expect(answer.text).toContain('no longer exists');
  });

  it('opens the report in the clicker’s DM', async () => {
    await click(ALERT_OPEN_ACTION_ID, 'plain');
    const posted = await h.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.params.channel === 'D0ALICE001',
    );
    expect(String(posted.params.text)).toContain('Plain');
  });
});
