import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInteger } from '../../reports/blocks/format.js';
import { checkLimits } from '../../reports/limits/slack-limits.js';
import { lastClosedWeek } from '../../src/domain/utc-days.js';
import { sendSigned, signedAction } from '../helpers/slack-signing.js';
import { ADMIN, ADMIN_DM, ALICE, type E2e, SECRET, startE2e } from './e2e-harness.js';

type Block = Record<string, unknown> & { type: string };

describe('App Home end to end', () => {
  let e: E2e;
  beforeAll(async () => {
    e = await startE2e();
  });
  afterAll(async () => {
    await e?.close();
  });

  async function openHome(user: string): Promise<Block[]> {
    const status = await e.event({
      type: 'app_home_opened',
      user,
      channel: `D${user.slice(1)}`,
      tab: 'home',
    });
    expect(status).toBe(200);
    const call = await e.fake.waitFor((c) => c.method === 'views.publish' && c.params.user_id === user);
    const view = call.params.view as { type: string; blocks: Block[] };
    expect(view.type).toBe('home');
    return view.blocks;
  }

  it('publishes last week’s headline numbers, without report buttons for a non-admin', async () => {
    const blocks = await openHome(ALICE);
    const view = await e.c.analytics.usage(lastClosedWeek(e.clock.now()), { bucket: 'day', surface: null });
    expect(JSON.stringify(blocks)).toContain(formatInteger(view.adoption.activeUsers));
    expect(checkLimits({ text: 'home', blocks: blocks as never, charts: [] }, { surface: 'home' })).toEqual(
      [],
    );
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('gives an admin report buttons that send the report to their DM', async () => {
    const blocks = await openHome(ADMIN);
    const buttons = blocks.flatMap((b) =>
      b.type === 'actions' ? (b.elements as Array<{ action_id: string; value: string }>) : [],
    );
    expect(buttons.map((b) => b.value)).toEqual(['usage', 'top', 'reviews']);
    const top = buttons.find((b) => b.value === 'top');
    const click = signedAction(
      { actionId: top?.action_id ?? '', value: 'top', responseUrl: e.fake.responseUrl(), userId: ADMIN },
      { secret: SECRET },
    );
    const res = await sendSigned(`${e.base}/slack/events`, click);
    await res.text();
    expect(res.status).toBe(200);
    const post = await e.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.params.channel === ADMIN_DM,
      20_000,
    );
    expect(String(post.params.text)).toContain('Top');
  });
});
