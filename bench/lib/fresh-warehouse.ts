import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import type { Clock } from '../../src/clock.js';
import type { Logger } from '../../src/logger.js';
import { type EngineStatement, forEngine } from '../../src/store/sql-engine.js';
import { openWarehouse } from '../../src/warehouse/open-warehouse.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';

export interface FreshWarehouseOptions {
  /** Names the temporary directory and the schema, so a leftover says which bench left it. */
  name: string;
  /** PostgreSQL (in a new schema of this database) when set, else DuckDB: as openWarehouse decides. */
  databaseUrl?: string | undefined;
  memoryLimitMb: number;
  threads: number;
  /**
   * DuckDB's memory limit while `load` writes (default memoryLimitMb): a bulk INSERT … SELECT of a year
   * of rows needs more than the app's answers do.
   */
  loadMemoryLimitMb?: number;
  clock: Clock;
  logger: Logger;
}

/** Statements per engine that leave it as the app would find it after a sync this size. */
export interface Settle {
  embedded?: readonly string[];
  postgres?: readonly string[];
}

/** A warehouse of its own for one bench run: a temporary directory, and a schema on PostgreSQL. */
export interface FreshWarehouse {
  readonly engine: 'embedded' | 'postgres';
  /** The temporary directory (the DuckDB file lives below it; a bench may put its store beside). */
  readonly dataDir: string;
  /** Opens the warehouse as the app does (migrations first). */
  open(): Promise<Warehouse>;
  /**
   * Runs the statements straight on the engine (each pair's for this engine), then the engine's `settle`
   * statements. DuckDB allows one writer: call it with the warehouse closed.
   */
  load(statements: Iterable<EngineStatement>, settle?: Settle): Promise<void>;
  /** Removes the directory and drops the schema; the warehouse must be closed. */
  tearDown(): Promise<void>;
}

export async function freshWarehouse(options: FreshWarehouseOptions): Promise<FreshWarehouse> {
  const { name, databaseUrl, memoryLimitMb, threads, clock, logger } = options;
  const dataDir = await mkdtemp(join(tmpdir(), `codex-pulse-bench-${name}-`));
  const sizing = { memoryLimitMb, threads };
  if (databaseUrl === undefined) {
    return {
      engine: 'embedded',
      dataDir,
      open: () => openWarehouse({ dataDir, ...sizing }, { clock, logger }),
      async load(statements, settle = {}) {
        const instance = await DuckDBInstance.create(join(dataDir, 'warehouse', 'usage.duckdb'), {
          memory_limit: `${options.loadMemoryLimitMb ?? memoryLimitMb}MB`,
          threads: String(threads),
        });
        try {
          const connection = await instance.connect();
          for (const statement of statements) {
            const text = forEngine(statement, 'embedded');
            if (text !== null) await connection.run(text);
          }
          for (const statement of settle.embedded ?? []) await connection.run(statement);
          connection.closeSync();
        } finally {
          instance.closeSync();
        }
      },
      tearDown: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  // Letters, digits and underscores only: the schema name goes into SQL unquoted.
  const schema = `bench_${name.replace(/[^a-z0-9]/gi, '_')}_${randomBytes(6).toString('hex')}`;
  const admin = async (run: (client: pg.Client) => Promise<unknown>, url = databaseUrl) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await run(client);
    } finally {
      await client.end();
    }
  };
  await admin((client) => client.query(`CREATE SCHEMA ${schema}`));
  const inSchema = new URL(databaseUrl);
  inSchema.searchParams.set('options', `-c search_path=${schema}`);
  return {
    engine: 'postgres',
    dataDir,
    open: () => openWarehouse({ dataDir, databaseUrl: inSchema.toString(), ...sizing }, { clock, logger }),
    load: (statements, settle = {}) =>
      admin(async (client) => {
        for (const statement of statements) {
          const text = forEngine(statement, 'postgres');
          if (text !== null) await client.query(text);
        }
        for (const statement of settle.postgres ?? []) await client.query(statement);
      }, inSchema.toString()),
    async tearDown() {
      await rm(dataDir, { recursive: true, force: true });
      await admin((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    },
  };
}
