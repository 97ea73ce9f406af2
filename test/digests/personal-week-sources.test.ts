import { describe, expect, it } from 'vitest';
import type { AlertHistory, RuleHistory } from '../../src/analytics/alert-history.js';
import { teamBudgetStatusesOfRun } from '../../src/digests/personal-week-sources.js';
import type { Budget, BudgetStore } from '../../src/store/alert-store-types.js';

const NOW = new Date('2026-11-23T09:00:00Z');
const budget = (id: string, team: string | null): Budget => ({
  id,
  teamId: 'T1',
  team,
  amount: 5_000,
  unit: 'credits',
  ownerUserId: 'U0ADMIN001',
  createdAt: new Date('2026-11-01T00:00:00Z'),
});

/** In-memory budgets and history that count their reads. */
function sources() {
  const reads = { lists: 0, series: 0 };
  const budgets: BudgetStore = {
    set: async () => budget('x', null),
    remove: async () => false,
    list: async () => {
      reads.lists += 1;
      return [budget('w', null), budget('p', '@platform'), budget('m', 'mobile')];
    },
  };
  const empty: RuleHistory = { periods: [], window: null, freshness: { asOf: NOW.toISOString() } as never };
  const history: AlertHistory = {
    history: async () => empty,
    histories: async (specs) => ({ histories: specs.map(() => empty), statements: 0 }),
    series: async () => {
      reads.series += 1;
      return empty;
    },
    knownTeam: async () => true,
  };
  const teamsOf = async (userId: string) =>
    userId === 'U1' ? [{ id: 'S1', name: '@platform', origin: 'usergroup' as const, seats: false }] : [];
  return { reads, budgets, history, teamsOf };
}

describe('teamBudgetStatusesOfRun', () => {
  it('gives each person the budgets of their teams only, never the workspace’s', async () => {
    const s = sources();
    const statuses = teamBudgetStatusesOfRun(s, NOW);
    expect((await statuses('T1', 'U1')).map((x) => x.budget.id)).toEqual(['p']);
    expect(await statuses('T1', 'U2')).toEqual([]);
  });

  it('reads a Slack team’s budgets and each budget’s status once per run, however many DMs', async () => {
    const s = sources();
    const statuses = teamBudgetStatusesOfRun(s, NOW);
    await Promise.all(['U1', 'U2', 'U1', 'U1'].map((user) => statuses('T1', user)));
    expect(s.reads).toEqual({ lists: 1, series: 1 });
    // The next run reads again: budgets change between runs.
    await teamBudgetStatusesOfRun(s, NOW)('T1', 'U1');
    expect(s.reads).toEqual({ lists: 2, series: 2 });
  });
});
