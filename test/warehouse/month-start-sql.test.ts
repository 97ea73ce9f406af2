/**
 * The monthly activity rows (src/warehouse/usage-period-aggregates.ts) find a day's month in SQL integer
 * arithmetic on both engines: it must be src/domain/utc-months.ts' month for every day — month ends,
 * leap days, century years — or month buckets would read users of another month.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DAY_SECONDS } from '../../src/domain/utc-days.js';
import { startOfUtcMonth } from '../../src/domain/utc-months.js';
import { withMonthStart } from '../../src/warehouse/usage-period-aggregates.js';
import { backends, postgresUrl } from './warehouse-backends.js';

/** Every day of 1999–2001 (2000: a leap century) and of 2024, 2028 and 2100 (not leap), plus 1970-01-01. */
function sampleDays(): number[] {
  const days = [0];
  for (const [from, to] of [
    [Date.UTC(1999, 0, 1), Date.UTC(2002, 0, 1)],
    [Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1)],
    [Date.UTC(2028, 0, 1), Date.UTC(2029, 0, 1)],
    [Date.UTC(2100, 0, 1), Date.UTC(2101, 0, 1)],
  ] as const) {
    for (let t = from / 1000; t < to / 1000; t += DAY_SECONDS) days.push(t);
  }
  return days;
}

async function monthStarts(kind: string, days: readonly number[]): Promise<Map<number, number>> {
  const values = days.map((d) => `(CAST(${d} AS BIGINT))`).join(', ');
  const sql = `SELECT m.start_time, m.month_start FROM (${withMonthStart(
    `SELECT v.start_time FROM (VALUES ${values}) AS v(start_time)`,
  )}) AS m`;
  let rows: Record<string, unknown>[];
  if (kind === 'postgres') {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      rows = (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  } else {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    rows = (await connection.runAndReadAll(sql)).getRowObjectsJson();
    connection.closeSync();
    instance.closeSync();
  }
  return new Map(rows.map((row) => [Number(row.start_time), Number(row.month_start)]));
}

describe.each(backends())('month starts in SQL on $kind', (backend) => {
  it.skipIf(!backend.available)("equal utc-months' for every sampled day", async () => {
    const days = sampleDays();
    const got = await monthStarts(backend.kind, days);
    const wrong = days.filter((d) => got.get(d) !== startOfUtcMonth(d));
    expect(wrong.map((d) => new Date(d * 1000).toISOString().slice(0, 10))).toEqual([]);
    expect(got.size).toBe(days.length);
  });
});
