/**
 * The two store backends as test fixtures: embedded DuckDB in a fresh temp dir, and PostgreSQL in a
 * fresh schema (dropped afterwards) at DATABASE_URL_TEST or 127.0.0.1:5432/test. PostgreSQL is skipped
 * with a clear message where none is reachable — except on CI, which has one and must not skip.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Clock } from '../../src/clock.js';
import type { Logger } from '../../src/logger.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store-types.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { postgresReachable } from '../helpers/postgres-reachable.js';
import { testClock } from '../helpers/test-clock.js';

export const postgresUrl = process.env.DATABASE_URL_TEST || 'postgres://postgres@127.0.0.1:5432/test';

export interface Backend {
  kind: Store['kind'];
  /** False when this backend must be skipped here (PostgreSQL unreachable, not on CI). */
  available: boolean;
  /** Several store instances may share it at once (PostgreSQL); the embedded store is one process's. */
  replicas: boolean;
  /** Creates the fresh temp dir or schema; call once per test file. */
  setUp(): Promise<void>;
  open(options?: { clock?: Clock; logger?: Logger }): Promise<Store>;
  /** A URL (postgres) with the fresh schema on its search_path, for direct checks. */
  url(): string;
  tearDown(): Promise<void>;
}

const reachable = await postgresReachable(postgresUrl);
// CI has PostgreSQL: there, an unreachable server must fail the suite, never skip it silently.
const postgresAvailable = reachable || process.env.CI === 'true';
if (!postgresAvailable) {
  console.warn(`store tests: PostgreSQL not reachable at ${postgresUrl}; skipping the postgres backend`);
}

export function embeddedBackend(): Backend {
  let dir = '';
  return {
    kind: 'embedded',
    available: true,
    replicas: false,
    setUp: async () => {
      dir = await mkdtemp(join(tmpdir(), 'codex-pulse-store-'));
    },
    open: (options = {}) =>
      openStore({
        dataDir: dir,
        logger: options.logger ?? createMemoryLogger(),
        clock: options.clock ?? testClock(),
      }),
    url: () => dir,
    tearDown: () => rm(dir, { recursive: true, force: true }),
  };
}

export function postgresBackend(): Backend {
  const schema = `store_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    kind: 'postgres',
    available: postgresAvailable,
    replicas: true,
    setUp: async () => {
      if (!reachable) {
        throw new Error(`PostgreSQL is required on CI (CI=true) but not reachable at ${postgresUrl}`);
      }
      await admin(`CREATE SCHEMA ${schema}`);
    },
    open: (options = {}) =>
      openStore({
        dataDir: '/nonexistent-unused',
        databaseUrl: url.toString(),
        logger: options.logger ?? createMemoryLogger(),
        clock: options.clock ?? testClock(),
      }),
    url: () => url.toString(),
    tearDown: () => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}
