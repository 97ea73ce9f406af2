/**
 * The two warehouse engines as test fixtures: DuckDB in a fresh temp dir, and PostgreSQL in a fresh
 * schema (dropped afterwards) at DATABASE_URL_TEST or 127.0.0.1:5432/test. PostgreSQL is skipped with a
 * message where none is reachable — except on CI (CI=true), which has one and must not skip.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import type { Clock } from '../../src/clock.js';
import type { Logger } from '../../src/logger.js';
import { openWarehouse } from '../../src/warehouse/open-warehouse.js';
import type { Warehouse, WarehouseKind } from '../../src/warehouse/warehouse.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { postgresReachable } from '../helpers/postgres-reachable.js';
import { testClock } from '../helpers/test-clock.js';

export const postgresUrl = process.env.DATABASE_URL_TEST || 'postgres://postgres@127.0.0.1:5432/test';

const reachable = await postgresReachable(postgresUrl);
// CI has PostgreSQL: there an unreachable server must fail the suite, never skip it silently.
const postgresAvailable = reachable || process.env.CI === 'true';
if (!postgresAvailable) {
  console.warn(`warehouse tests: PostgreSQL not reachable at ${postgresUrl}; skipping the postgres engine`);
}

export interface WarehouseBackend {
  kind: WarehouseKind;
  /** False when this engine must be skipped here (PostgreSQL unreachable, not on CI). */
  available: boolean;
  /** Fresh temp dir or schema; call in beforeEach. */
  setUp(): Promise<void>;
  /** Opens the warehouse on the fresh dir or schema (again after a close: same data). */
  open(options?: { clock?: Clock; logger?: Logger }): Promise<Warehouse>;
  /** Column names of `table` in table order, read straight from the engine's catalog. */
  columns(table: string): Promise<string[]>;
  /** Runs statements straight on the engine, outside the warehouse (DuckDB: with the warehouse closed). */
  execute(statements: readonly string[]): Promise<void>;
  tearDown(): Promise<void>;
}

const sizing = { memoryLimitMb: 128, threads: 1 };

export function duckdbBackend(): WarehouseBackend {
  let dir = '';
  return {
    kind: 'embedded',
    available: true,
    setUp: async () => {
      dir = await mkdtemp(join(tmpdir(), 'codex-pulse-warehouse-'));
    },
    open: (options = {}) =>
      openWarehouse(
        { dataDir: dir, ...sizing },
        { clock: options.clock ?? testClock(), logger: options.logger ?? createMemoryLogger() },
      ),
    // Call with the warehouse closed: DuckDB lets one process open a file once.
    columns: async (table) => {
      const instance = await DuckDBInstance.create(join(dir, 'warehouse', 'usage.duckdb'));
      try {
        const connection = await instance.connect();
        const reader = await connection.runAndReadAll(
          'SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position',
          [table],
        );
        connection.closeSync();
        return reader.getRowObjectsJson().map((row) => String(row.column_name));
      } finally {
        instance.closeSync();
      }
    },
    execute: async (statements) => {
      const instance = await DuckDBInstance.create(join(dir, 'warehouse', 'usage.duckdb'));
      try {
        const connection = await instance.connect();
        for (const statement of statements) await connection.run(statement);
        connection.closeSync();
      } finally {
        instance.closeSync();
      }
    },
    tearDown: () => rm(dir, { recursive: true, force: true }),
  };
}

export function postgresBackend(): WarehouseBackend {
  let schema = '';
  const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  const urlOf = () => {
    const url = new URL(postgresUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return url.toString();
  };
  return {
    kind: 'postgres',
    available: postgresAvailable,
    setUp: async () => {
      if (!reachable) {
        throw new Error(`PostgreSQL is required on CI (CI=true) but not reachable at ${postgresUrl}`);
      }
      schema = `warehouse_test_${randomBytes(6).toString('hex')}`;
      await admin((client) => client.query(`CREATE SCHEMA ${schema}`));
    },
    open: (options = {}) =>
      openWarehouse(
        { dataDir: '/nonexistent-unused', databaseUrl: urlOf(), ...sizing },
        { clock: options.clock ?? testClock(), logger: options.logger ?? createMemoryLogger() },
      ),
    columns: (table) =>
      admin(async (client) => {
        const { rows } = await client.query<{ column_name: string }>(
          `SELECT column_name FROM information_schema.columns
           WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
          [schema, table],
        );
        return rows.map((row) => row.column_name);
      }),
    execute: (statements) =>
      admin(async (client) => {
        await client.query(`SET search_path = ${schema}`);
        for (const statement of statements) await client.query(statement);
      }),
    tearDown: () => admin((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => {}),
  };
}

/** Both engines, for describe.each. */
export const backends = (): WarehouseBackend[] => [duckdbBackend(), postgresBackend()];
