/**
 * Many rules' series in a few statements (issue 13 §5: 1,000 rules judged after a sync within 2 s).
 * One statement per kind of read instead of one per rule, each over what all its rules ask:
 *
 * - distinct active users: one statement for the workspace and every surface (masks over the activity
 *   table's surface bits), one for every team and Slack user, each counting every period any of its
 *   rules asks — days, weeks and months alike (alert-active-users.ts); a surface holding a client key
 *   without a bit reads the per-client rows instead (alert-raw-surface-users.ts);
 * - sums (alert-day-sums.ts): credits and threads of the workspace and of surfaces from the day totals,
 *   their USD from the per-user rows; teams and users in one read, of the activity rows or, when a rule
 *   wants USD, of the per-user rows. Days are folded into each rule's periods here, as alertSeries folds
 *   its own;
 * - Code Review figures: one daily read per metric.
 *
 * Every figure is the one alertSeries gives for the rule alone — a team name that resolves to more than
 * one team (rare) is read that way.
 */
import { z } from 'zod';
import type { AlertScope } from '../domain/alert-rules.js';
import type { Surface } from '../domain/surfaces.js';
import type { TimeWindow } from '../domain/utc-days.js';
import type { PeriodValue } from '../figures/alert-evaluation.js';
import { createBuckets } from '../figures/buckets.js';
import {
  activeUsersStatement,
  type CountedUsers,
  type PeriodCounts,
  parsePeriodCounts,
  periodName,
} from './alert-active-users.js';
import {
  type DaySums,
  daySumsRow,
  daySumsStatement,
  type SumScope,
  type SumSource,
} from './alert-day-sums.js';
import { rawSurfaceUsersStatement } from './alert-raw-surface-users.js';
import { type MemberScope, membersByKey } from './alert-scope-members.js';
import { alertSeries, dailyPairs, type dayValues, foldDays } from './alert-series.js';
import { QueryParams } from './figure-query-parts.js';
import { type ClientKey, clientKeys, MAX_CLIENT_KEY } from './usage-aggregates.js';
import type { AlertSeriesBatch, AlertSeriesQuery } from './warehouse.js';
import type { WarehouseSql } from './warehouse-sql.js';

const teamRow = z.object({ team_id: z.string(), name: z.string(), seats: z.coerce.boolean() });

/** Not a team id Slack hands out (they have no spaces). */
const NO_TEAM = ' no team';

export async function alertSeriesMany(
  sql: WarehouseSql,
  queries: readonly AlertSeriesQuery[],
): Promise<AlertSeriesBatch> {
  let statements = 0;
  const run = async (text: string, params = new QueryParams()): Promise<unknown[]> => {
    statements += 1;
    return sql.query(text, params.values);
  };
  const first = queries[0];
  if (first === undefined) return { series: [], statements };
  const { surfaceOf } = first;
  const teams = queries.some((q) => q.scope.kind === 'team')
    ? (await run('SELECT team_id, name, seats FROM teams')).map((row) => teamRow.parse(row))
    : [];
  /** The scope's key in the grouped rows, or null when the rule is read on its own. */
  const keyOf = (scope: AlertScope): string | null => {
    switch (scope.kind) {
      case 'workspace':
        return '';
      case 'surface':
        return scope.surface;
      case 'user':
        return scope.slackUserId;
      case 'team': {
        const name = scope.team.toLowerCase();
        const names = new Set([name, `@${name}`, `#${name}`]);
        const ids = teams
          .filter((t) => !t.seats && (names.has(t.name.toLowerCase()) || t.team_id.toLowerCase() === name))
          .map((t) => t.team_id);
        // No such team: a key no row carries, so the rule reads zeros as it would alone.
        if (ids.length === 0) return NO_TEAM;
        return ids.length === 1 ? (ids[0] ?? null) : null;
      }
    }
  };
  /** Every team and Slack user of the batch, numbered: their rows carry the number (alert-scope-members.ts). */
  const memberScopes = new Map<string, MemberScope>();
  for (const { scope } of queries) {
    if (scope.kind !== 'team' && scope.kind !== 'user') continue;
    const id = keyOf(scope);
    const name = `${scope.kind} ${id}`;
    if (id !== null && !memberScopes.has(name)) {
      memberScopes.set(name, { k: memberScopes.size, kind: scope.kind, id });
    }
  }
  /** The key of rule i's rows: a team's or user's is its number. */
  const keyAt = (i: number): string => {
    const { scope } = queries[i] as AlertSeriesQuery;
    const key = keyOf(scope) ?? '';
    if (scope.kind !== 'team' && scope.kind !== 'user') return key;
    return String(memberScopes.get(`${scope.kind} ${key}`)?.k);
  };
  /** The teams and users a batch of rules reads. */
  const scopesOf = (members: readonly number[]): MemberScope[] => {
    const asked = new Set(members.map(keyAt));
    return [...memberScopes.values()].filter((s) => asked.has(String(s.k)));
  };
  let keys: readonly ClientKey[] = [];
  if (queries.some((q) => q.metric === 'active-users' && q.scope.kind === 'surface')) {
    statements += 1;
    keys = await clientKeys(sql);
  }
  /** A surface's bits (its client keys', and bit 1 for Other), or null when one of its keys has none. */
  const maskOf = (surface: Surface): bigint | null => {
    let mask = surface === 'other' ? 2n : 0n;
    for (const { clientKey, clientId } of keys) {
      if (surfaceOf(clientId) !== surface) continue;
      if (clientKey > MAX_CLIENT_KEY) return null;
      mask |= 1n << BigInt(clientKey + 2);
    }
    return mask;
  };

  const series: PeriodValue[][] = new Array(queries.length);
  /** Each (period length, window)'s periods, shared by the rules that ask it (a thousand rules, three grids). */
  const grids = new Map<string, { periods: TimeWindow[]; names: string[] }>();
  const gridOf = (i: number) => {
    const { window, period } = queries[i] as AlertSeriesQuery;
    const id = `${period}|${window.start}|${window.end}`;
    let grid = grids.get(id);
    if (grid === undefined) {
      const buckets = createBuckets(window, period);
      const periods = Array.from({ length: buckets.count }, (_, b) => buckets.windowOf(b));
      grid = { periods, names: periods.map(periodName) };
      grids.set(id, grid);
    }
    return grid;
  };
  const finish = (i: number, values: readonly (number | null)[]) => {
    const { closedThrough } = queries[i] as AlertSeriesQuery;
    series[i] = gridOf(i).periods.map(({ start, end }, b) => ({
      start,
      end,
      value: values[b] ?? null,
      provisional: end > closedThrough,
    }));
  };
  /** Daily pairs folded into rule i's periods, as alertSeries folds its own. */
  const fold = (i: number, days: readonly z.infer<typeof dayValues>[]) => {
    const query = queries[i] as AlertSeriesQuery;
    const buckets = createBuckets(query.window, query.period);
    finish(i, foldDays(days, query.metric, buckets.count, buckets.indexOf));
  };
  const fromCounts = (i: number, counts: PeriodCounts, key: string, column: number) => {
    const byPeriod = counts.get(key);
    finish(
      i,
      gridOf(i).names.map((name) => byPeriod?.get(name)?.[column] ?? 0),
    );
  };
  /** The distinct periods rules ask (a list per grid, not per rule). */
  const periodsOf = (members: readonly number[]): TimeWindow[] =>
    [...new Set(members.map(gridOf)).values()].flatMap((grid) => grid.periods);
  /** Distinct users of `periods`, by period and key, or none when there are no periods. */
  const countUsers = async (
    periods: readonly TimeWindow[],
    counted: (params: QueryParams) => CountedUsers,
    columns: number,
  ): Promise<PeriodCounts> => {
    const params = new QueryParams();
    const text = activeUsersStatement(periods, counted(params), params);
    return text === null ? new Map() : parsePeriodCounts(await run(text, params), columns);
  };
  const windowOf = (members: readonly number[]): TimeWindow => ({
    start: Math.min(...members.map((i) => (queries[i] as AlertSeriesQuery).window.start)),
    end: Math.max(...members.map((i) => (queries[i] as AlertSeriesQuery).window.end)),
  });

  // Group the rules: one statement per group.
  const reviews = new Map<string, number[]>();
  const bits: number[] = [];
  const rawSurfaces: number[] = [];
  const activeMembers: number[] = [];
  const sums = new Map<string, { scope: SumScope['kind']; source: SumSource; members: number[] }>();
  const alone: number[] = [];
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const values = map.get(key);
    if (values === undefined) map.set(key, [value]);
    else values.push(value);
  };
  const isMember = (scope: AlertScope) => scope.kind === 'team' || scope.kind === 'user';
  // Teams and users: one read of the per-user rows when a rule wants USD, else of the activity rows.
  const membersSource: SumSource = queries.some((q) => q.metric === 'usd' && isMember(q.scope))
    ? 'rows'
    : 'derived';
  const sumGroup = (scope: SumScope['kind'], source: SumSource, i: number) => {
    const key = `${scope}|${source}`;
    const group = sums.get(key);
    if (group === undefined) sums.set(key, { scope, source, members: [i] });
    else group.members.push(i);
  };
  for (const [i, query] of queries.entries()) {
    const { scope, metric } = query;
    const members = isMember(scope);
    if (keyOf(scope) === null) alone.push(i);
    else if (metric === 'p0' || metric === 'positive-share') push(reviews, metric, i);
    else if (metric === 'active-users') {
      if (members) activeMembers.push(i);
      else if (scope.kind === 'surface' && maskOf(scope.surface) === null) rawSurfaces.push(i);
      else bits.push(i);
    } else if (members) sumGroup('members', membersSource, i);
    // USD reads the per-user rows; credits and threads of the workspace and surfaces, the day totals.
    else sumGroup(scope.kind, metric === 'usd' ? 'rows' : 'derived', i);
  }

  for (const members of reviews.values()) {
    // Workspace-wide review figures: one daily read for every such rule.
    statements += 1;
    const head = queries[members[0] as number] as AlertSeriesQuery;
    const days = await dailyPairs(sql, { ...head, window: windowOf(members) });
    for (const i of members) fold(i, days);
  }

  if (bits.length > 0) {
    const masks = new Map<string, bigint>();
    for (const i of bits) {
      const { scope } = queries[i] as AlertSeriesQuery;
      masks.set(keyAt(i), scope.kind === 'surface' ? (maskOf(scope.surface) ?? 0n) : 1n);
    }
    const columns = [...masks.keys()];
    const counts = await countUsers(periodsOf(bits), () => ({ masks: [...masks.values()] }), columns.length);
    for (const i of bits) fromCounts(i, counts, '', columns.indexOf(keyAt(i)));
  }
  if (activeMembers.length > 0) {
    const scopes = scopesOf(activeMembers);
    const counts = await countUsers(
      periodsOf(activeMembers),
      (params) => ({ members: membersByKey(scopes, params) }),
      1,
    );
    for (const i of activeMembers) fromCounts(i, counts, keyAt(i), 0);
  }
  if (rawSurfaces.length > 0) {
    const params = new QueryParams();
    const ids = keys.map((k) => k.clientId);
    const text = rawSurfaceUsersStatement(periodsOf(rawSurfaces), ids, surfaceOf, params);
    const counts = parsePeriodCounts(await run(text, params), 1);
    for (const i of rawSurfaces) fromCounts(i, counts, keyAt(i), 0);
  }

  for (const { scope: kind, source, members } of sums.values()) {
    const scope: SumScope = kind === 'members' ? { kind, scopes: scopesOf(members) } : { kind };
    const params = new QueryParams();
    const text = daySumsStatement(scope, source, windowOf(members), params);
    const byKey = new Map<string, DaySums[]>();
    for (const row of (await run(text, params)).map((r) => daySumsRow.parse(r))) {
      // Surfaces come per client id: a null one is Other, as in alertSeries.
      push(byKey, kind === 'surface' ? (row.k === null ? 'other' : surfaceOf(row.k)) : (row.k ?? ''), row);
    }
    for (const i of members) {
      const query = queries[i] as AlertSeriesQuery;
      fold(
        i,
        (byKey.get(keyAt(i)) ?? []).map((row) => ({
          day: row.day,
          a:
            query.metric === 'threads'
              ? row.threads
              : query.metric === 'usd'
                ? (row.usd ?? 0) + (row.unpriced ?? 0) * query.creditPriceUsd
                : row.credits,
          b: null,
        })),
      );
    }
  }

  for (const i of alone) {
    statements += 1;
    series[i] = await alertSeries(sql, queries[i] as AlertSeriesQuery);
  }
  return { series, statements };
}
