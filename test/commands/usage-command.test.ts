import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandText } from '../../commands/args/parse-command.js';
import { formatCount, formatCredits, formatInteger } from '../../reports/blocks/format.js';
import {
  type CommandHarness,
  expectReplyWithinLimits,
  fixedNow,
  messageOf,
  startCommandHarness,
} from './command-harness.js';

function windowOf(text: string) {
  const parsed = parseCommandText(text, fixedNow);
  if (!('window' in parsed)) throw new Error(`${text} has no window`);
  return parsed.window;
}

describe('/codex usage and /codex reviews against the simulator', () => {
  let h: CommandHarness;
  beforeAll(async () => {
    h = await startCommandHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('usage: an ephemeral, shareable report whose numbers are the analytics numbers', async () => {
    const reply = await h.run('usage');
    expect(reply).toMatchObject({ kind: 'message', visibility: 'ephemeral', shareable: true });
    expectReplyWithinLimits(reply);
    const view = await h.analytics.usage(windowOf('usage'), { bucket: 'day', surface: null });
    expect(view.adoption.activeUsers).toBeGreaterThan(0);
    const message = messageOf(reply);
    expect(message.text).toContain(formatCount(view.adoption.activeUsers, 'active user'));
    expect(message.text).toContain(`${formatCredits(view.usage.totals.credits)} credits`);
    expect(JSON.stringify(message.blocks)).toContain(
      `*Active users*\\n${formatInteger(view.adoption.activeUsers)}`,
    );
    expect(message.blocks.at(-1)).toMatchObject({ block_id: 'report-footer' });
    expect(message.charts.length).toBeGreaterThan(0);
  });

  it('usage with range, surface and bucket passes them all to analytics', async () => {
    const reply = await h.run('usage last-week cli by week');
    expectReplyWithinLimits(reply);
    const view = await h.analytics.usage(windowOf('usage last-week'), { bucket: 'week', surface: 'cli' });
    const all = await h.analytics.usage(windowOf('usage last-week'), { bucket: 'week', surface: null });
    // The CLI filter must reach analytics: fewer users than the whole workspace.
    expect(view.adoption.activeUsers).toBeLessThan(all.adoption.activeUsers);
    const message = messageOf(reply);
    expect(message.text).toContain(formatCount(view.adoption.activeUsers, 'active user'));
    expect(message.text).toContain('Mon 16 Nov – Sun 22 Nov');
  });

  it('reviews: an ephemeral, shareable Code Review report with the PR count', async () => {
    const reply = await h.run('reviews 30d by week');
    expect(reply).toMatchObject({ kind: 'message', visibility: 'ephemeral', shareable: true });
    expectReplyWithinLimits(reply);
    const view = await h.analytics.reviews(windowOf('reviews 30d'), { bucket: 'week' });
    expect(messageOf(reply).text).toContain(`${formatInteger(view.reviews.prsReviewed)} PRs reviewed`);
  });
});
