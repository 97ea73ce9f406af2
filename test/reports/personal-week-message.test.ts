import { describe, expect, it } from 'vitest';
import {
  buildPersonalWeekMessage,
  PERSONAL_UNSUBSCRIBE_ACTION_ID,
} from '../../reports/personal/personal-week-message.js';
import type { PersonalView } from '../../src/analytics/workspace-analytics.js';
import type { BudgetForecast } from '../../src/figures/budget-forecast.js';
import type { Budget } from '../../src/store/alert-store-types.js';
import { freshness, rankedUser, type Scale, scales, usage } from './figure-fixtures.js';
import { everything, expectWithinLimits, visibleText } from './report-assertions.js';

const november = { start: Date.UTC(2026, 10, 1) / 1000, end: Date.UTC(2026, 11, 1) / 1000 };

function view(scale: Scale, usd: number | null = 123.45): PersonalView {
  const u = usage(scale);
  const credits = u.totals.credits;
  return {
    user: {
      ...rankedUser(7, credits, scale === 'zero' ? 0 : credits * 25, 'jane.doe'),
      surfaces: ['cli', 'cloud'],
    },
    rank: scale === 'zero' ? 0 : 7,
    totalUsers: scale === 'zero' ? 0 : 431,
    usage: { ...u, totals: { ...u.totals, cost: { ...u.totals.cost, usd } } },
    freshness: freshness(),
  };
}

function budgetLine(team: string, over: Partial<BudgetForecast> = {}) {
  const budget: Budget = {
    id: `b-${team}`,
    teamId: 'T1',
    team,
    amount: 5_000,
    unit: 'credits',
    ownerUserId: 'U0ADMIN001',
    createdAt: new Date('2026-11-01T00:00:00Z'),
  };
  const forecast: BudgetForecast = {
    spent: 2_500,
    spentShare: 0.5,
    forecast: 6_000,
    forecastShare: 1.2,
    crossesOn: Date.UTC(2026, 10, 26) / 1000,
    rates: { weekday: 150, weekend: 20 },
    closedDays: 23,
    remainingDays: 7,
    ...over,
  };
  return { budget, forecast, month: november };
}

describe('buildPersonalWeekMessage', () => {
  it.each(scales)('fits Slack at scale %s, with budgets', (scale) => {
    expectWithinLimits(
      buildPersonalWeekMessage({
        view: view(scale),
        budgets: [budgetLine('platform')],
        subscriptionId: 'k3q7d',
      }),
    );
  });

  it('shows credits, the USD estimate labelled as one, threads, surfaces and rank', () => {
    const text = visibleText(
      buildPersonalWeekMessage({ view: view('many'), budgets: [], subscriptionId: 'k3q7d' }),
    );
    expect(text).toContain('Your Codex week');
    expect(text).toContain('*USD*\n≈ $123 est.');
    expect(text).toContain('#7 of 431 active users');
    expect(text).toContain('CLI, ');
    expect(text).not.toContain('budgets');
  });

  it('says "—" when the API gave no USD, never $0', () => {
    const text = visibleText(
      buildPersonalWeekMessage({ view: view('many', null), budgets: [], subscriptionId: 'x' }),
    );
    expect(text).toContain('*USD*\n—');
    expect(text).not.toContain('$0');
  });

  it('one status line per team budget: spent of budget and the forecast', () => {
    const message = buildPersonalWeekMessage({
      view: view('many'),
      budgets: [
        budgetLine('platform'),
        budgetLine('mobile', { crossesOn: null, forecast: 4_000, forecastShare: 0.8 }),
      ],
      subscriptionId: 'k3q7d',
    });
    const text = visibleText(message);
    expect(text).toContain("Your teams' budgets");
    expect(text).toContain(
      '*Team platform* · 2,500 credits of 5,000 credits (50%) spent; forecast 6,000 credits by Mon 30 Nov (120%)',
    );
    expect(text).toContain('passes the budget on Thu 26 Nov');
    expect(text).toContain('*Team mobile*');
    expect(text).toContain('on track');
    expect(message.text).toContain('Budgets: Team platform');
  });

  it('has the Unsubscribe button carrying the subscription id, and names nobody', () => {
    const message = buildPersonalWeekMessage({ view: view('many'), budgets: [], subscriptionId: 'k3q7d' });
    expect(message.blocks).toContainEqual({
      type: 'actions',
      elements: [expect.objectContaining({ action_id: PERSONAL_UNSUBSCRIBE_ACTION_ID, value: 'k3q7d' })],
    });
    expect(everything(message)).not.toContain('jane.doe');
  });

  it('says so when the week had no activity', () => {
    const text = visibleText(
      buildPersonalWeekMessage({ view: view('zero'), budgets: [], subscriptionId: 'x' }),
    );
    expect(text).toContain('You had no Codex activity that week.');
  });
});
