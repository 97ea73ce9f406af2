import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandReply } from '../../commands/command-types.js';
import { formatLabel } from '../../reports/blocks/escape-mrkdwn.js';
import type { DigestFigures } from '../../src/figures/figure-types.js';
import {
  type CommandHarness,
  expectReplyWithinLimits,
  fixedNow,
  startCommandHarness,
} from './command-harness.js';

function threadOf(reply: CommandReply) {
  if (reply.kind !== 'thread') throw new Error(`expected a thread, got ${reply.kind}`);
  return reply.report;
}

describe('/codex digest against the simulator', () => {
  let h: CommandHarness;
  let figures: DigestFigures;
  beforeAll(async () => {
    h = await startCommandHarness();
    figures = await h.analytics.digest(fixedNow, { topN: 10 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('preview for admins: the weekly digest thread of the last closed week, with top users, ephemeral', async () => {
    const reply = await h.run('digest preview', { isAdmin: true });
    expect(reply).toMatchObject({ kind: 'thread', visibility: 'ephemeral' });
    expectReplyWithinLimits(reply);
    const report = threadOf(reply);
    expect(report.parent.text).toBeTruthy();
    expect(JSON.stringify(report.parent.blocks)).toContain('Codex weekly digest (preview)');
    expect(JSON.stringify(report.parent)).toContain('Mon 16 Nov – Sun 22 Nov');
    const top = figures.ranking.users[0];
    expect(top).toBeDefined();
    expect(JSON.stringify(report.replies)).toContain(
      JSON.stringify(formatLabel(top?.label ?? '')).slice(1, -1),
    );
  });

  it('preview for non-admins: the leadership digest, no label, email or id anywhere', async () => {
    const reply = await h.run('digest preview');
    expect(reply).toMatchObject({ kind: 'thread', visibility: 'ephemeral' });
    expectReplyWithinLimits(reply);
    const serialized = JSON.stringify(reply);
    expect(serialized).toContain('Codex leadership digest (preview)');
    expect(figures.ranking.users.length).toBeGreaterThan(0);
    for (const user of figures.ranking.users) {
      expect(serialized).not.toContain(user.label);
      expect(serialized).not.toContain(user.userId);
      if (user.email) expect(serialized).not.toContain(user.email);
    }
  });
});
