/**
 * The door alert commands go through for history (issue 13): a rule's metric per period over everything
 * the warehouse holds, and which of those periods are closed. The evaluation itself is the pure
 * evaluateCondition (src/figures/alert-evaluation.ts), so previews and firings judge the same figures.
 */
import type { Clock } from '../clock.js';
import {
  type AlertMetric,
  type AlertPeriod,
  type AlertRuleSpec,
  type AlertScope,
  periodOf,
} from '../domain/alert-rules.js';
import type { SurfaceOf } from '../domain/surfaces.js';
import {
  DAY_SECONDS,
  startOfUtcDay,
  startOfUtcWeek,
  type TimeWindow,
  toUnixSeconds,
} from '../domain/utc-days.js';
import { addMonths, startOfUtcMonth } from '../domain/utc-months.js';
import type { PeriodValue } from '../figures/alert-evaluation.js';
import type { Freshness } from '../figures/figure-types.js';
import { computeFreshness } from '../figures/freshness.js';
import { describeFreshness } from '../warehouse/describe-freshness.js';
import type { Warehouse } from '../warehouse/warehouse.js';

/** The API's stated lag: a day's figures are complete 12 h after it ends (src/figures/freshness.ts). */
const COMPLETE_AFTER_SECONDS = 12 * 3600;

export interface RuleHistory {
  /** Whole periods from the first one history covers through the running one, oldest first. */
  periods: PeriodValue[];
  /** What was judged: from the first whole period to the end of the running day; null with no history. */
  window: TimeWindow | null;
  /** For the footer: as of when, and how old the synced data is. */
  freshness: Freshness;
}

export interface AlertHistory {
  /** The rule's metric per period over the warehouse's history at the clock's now. */
  history(spec: AlertRuleSpec): Promise<RuleHistory>;
  /**
   * Every spec's history at once, in order (issue 13 §5): what a run after a sync reads — a few
   * statements for a thousand rules (Warehouse.alertSeriesMany) instead of one per rule.
   */
  histories(specs: readonly AlertRuleSpec[]): Promise<{ histories: RuleHistory[]; statements: number }>;
  /** A metric per period of a scope over that history (what budgets read, per day). */
  series(metric: AlertMetric, scope: AlertScope, period: AlertPeriod): Promise<RuleHistory>;
  /**
   * Whether a team scope names a team the identity refresh stored (by name, with or without its `@`/`#`,
   * or by id; never the seats group): a rule on a misspelt team would read zeros and fire every period.
   */
  knownTeam(team: string): Promise<boolean>;
}

export interface AlertHistoryDeps {
  warehouse: Pick<Warehouse, 'alertSeries' | 'alertSeriesMany' | 'freshness' | 'teams'>;
  clock: Clock;
  surfaceOf: SurfaceOf;
  creditPriceUsd: number;
}

export function createAlertHistory(deps: AlertHistoryDeps): AlertHistory {
  /** What every series of one look shares: the window per period length, what is closed, the footer. */
  const look = async () => {
    const freshness = await deps.warehouse.freshness();
    const nowDate = deps.clock.now();
    const now = toUnixSeconds(nowDate);
    const footer = (window: TimeWindow | null): Freshness => ({
      ...computeFreshness(window ?? { start: now, end: now }, nowDate),
      stored: describeFreshness(freshness, nowDate),
    });
    const historyStart = freshness.historyStart;
    const windowOf = (period: AlertPeriod): TimeWindow | null => {
      if (historyStart === null) return null;
      const window = { start: firstWholePeriod(historyStart, period), end: startOfUtcDay(now) + DAY_SECONDS };
      return window.end <= window.start ? null : window;
    };
    // Closed: ended, complete (12 h after its end) and synced — a period the last sync did not reach
    // is provisional whatever the clock says.
    const complete = startOfUtcDay(now - COMPLETE_AFTER_SECONDS);
    const closedThrough = (window: TimeWindow) =>
      Math.min(complete, freshness.dataThrough === null ? window.start : freshness.dataThrough + DAY_SECONDS);
    const query = (metric: AlertMetric, scope: AlertScope, period: AlertPeriod, window: TimeWindow) => ({
      metric,
      scope,
      period,
      window,
      closedThrough: closedThrough(window),
      surfaceOf: deps.surfaceOf,
      creditPriceUsd: deps.creditPriceUsd,
    });
    return { footer, windowOf, query };
  };

  const series = async (
    metric: AlertMetric,
    scope: AlertScope,
    period: AlertPeriod,
  ): Promise<RuleHistory> => {
    const { footer, windowOf, query } = await look();
    const window = windowOf(period);
    if (window === null) return { periods: [], window: null, freshness: footer(null) };
    const periods = await deps.warehouse.alertSeries(query(metric, scope, period, window));
    return { periods, window, freshness: footer(window) };
  };
  return {
    history: (spec) => series(spec.metric, spec.scope, periodOf(spec.condition)),
    series,
    async histories(specs) {
      const { footer, windowOf, query } = await look();
      const asked = specs.flatMap((spec, i) => {
        const period = periodOf(spec.condition);
        const window = windowOf(period);
        return window === null ? [] : [{ i, window, query: query(spec.metric, spec.scope, period, window) }];
      });
      const batch = await deps.warehouse.alertSeriesMany(asked.map((a) => a.query));
      const histories: RuleHistory[] = specs.map(() => ({
        periods: [],
        window: null,
        freshness: footer(null),
      }));
      asked.forEach((a, n) => {
        histories[a.i] = { periods: batch.series[n] ?? [], window: a.window, freshness: footer(a.window) };
      });
      return { histories, statements: batch.statements };
    },
    async knownTeam(team) {
      const name = team.toLowerCase();
      const names = new Set([name, `@${name}`, `#${name}`]);
      const teams = await deps.warehouse.teams.teams();
      return teams.some((t) => !t.seats && (names.has(t.name.toLowerCase()) || t.id.toLowerCase() === name));
    },
  };
}

/** The start of the first whole day, Monday week or month at or after `start`: no half periods. */
function firstWholePeriod(start: number, period: 'day' | 'week' | 'month'): number {
  const day = startOfUtcDay(start);
  const first = day === start ? day : day + DAY_SECONDS;
  if (period === 'day') return first;
  if (period === 'week') {
    const monday = startOfUtcWeek(first);
    return monday === first ? first : monday + 7 * DAY_SECONDS;
  }
  const month = startOfUtcMonth(first);
  return month === first ? first : addMonths(month, 1);
}
