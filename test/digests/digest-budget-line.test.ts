/**
 * The digest's budget status line (issue 13 §3) for real: the simulator's history synced into the
 * warehouse, budgets in the store, the digest posted to the fake Slack. The line carries `/codex
 * budget`'s own figures (budgetStatus over the closed days); a team's budget only in that team's digest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestBudgetLine } from '../../reports/digest/digest-budget-lines.js';
import { budgetStatus } from '../../src/analytics/budget-status.js';
import { budgetAudience, withDigestBudgets } from '../../src/digests/with-digest-budgets.js';
import { type Harness, NOW, startHarness } from './digest-harness.js';

describe('the budget line in a digest', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const run = await h.c.sync.job.run({ onProgress: () => {}, signal: new AbortController().signal });
    expect(run.outcome).toBe('ok');
  });
  afterAll(() => h.close());

  it('posts the workspace budget’s line in the parent, with `/codex budget`’s figures', async () => {
    const workspace = await h.store.budgets.set({
      teamId: 'T0FAKE0001',
      team: null,
      amount: 60_000,
      unit: 'credits',
      ownerUserId: 'U0ADMIN001',
    });
    await h.store.budgets.set({
      teamId: 'T0FAKE0001',
      team: 'platform',
      amount: 9_000,
      unit: 'credits',
      ownerUserId: 'U0ADMIN001',
    });
    // Another Slack team's budget never reaches this team's digest.
    await h.store.budgets.set({
      teamId: 'T0OTHER001',
      team: null,
      amount: 1,
      unit: 'usd',
      ownerUserId: 'U0ADMIN001',
    });
    const sub = await h.subscribe({ channelId: 'C0BUDGET01' });
    const budgets = { store: h.store.budgets, history: h.c.alertHistory };
    await h.service('worker-budget', { budgets }).runDue(h.clock.now());

    const status = await budgetStatus(h.c.alertHistory, workspace, NOW);
    expect(status.forecast.spent).toBeGreaterThan(0);
    const expected = digestBudgetLine({
      team: null,
      unit: 'credits',
      amount: 60_000,
      month: status.month,
      forecast: status.forecast,
    });
    const [parent] = h.posts(sub.channelId);
    const text = JSON.stringify(parent?.params);
    expect(text).toContain(expected);
    expect(text).not.toContain('team platform');
    expect(text).not.toContain('$1 est.');
  });

  it('adds a team’s budget to that team’s digest, and leaves the line out when budgets fail', async () => {
    const figures = await h.c.analytics.digest(NOW, { topN: 10 });
    const budgets = { store: h.store.budgets, history: h.c.alertHistory, logger: h.logger };
    const teamDigest = await withDigestBudgets(
      figures,
      budgets,
      // A team digest (issue 12 §3) names its team as the warehouse does: `@Platform`.
      budgetAudience({ teamId: 'T0FAKE0001', team: { id: 'S0PLATFORM', name: '@Platform' } }),
      NOW,
    );
    expect(teamDigest.budgets?.map((b) => b.team)).toEqual([null, 'platform']);
    const workspaceDigest = await withDigestBudgets(
      figures,
      budgets,
      budgetAudience({ teamId: 'T0FAKE0001', team: null }),
      NOW,
    );
    expect(workspaceDigest.budgets?.map((b) => b.team)).toEqual([null]);
    const broken = await withDigestBudgets(
      figures,
      {
        ...budgets,
        store: {
          list: async () => {
            throw new Error('store gone');
          },
        },
      },
      { teamId: 'T0FAKE0001' },
      NOW,
    );
    expect(broken.budgets).toBeUndefined();
    expect(h.logger.lines).toContainEqual(
      expect.objectContaining({ msg: 'digest: budget lines unavailable' }),
    );
  });
});
