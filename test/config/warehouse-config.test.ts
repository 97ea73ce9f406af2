import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { ConfigError } from '../../src/errors.js';

describe('warehouse config', () => {
  it('defaults to the embedded engine in DATA_DIR, 5 trailing days, a sync every 6 h', () => {
    expect(loadConfig({}).warehouse).toEqual({
      dataDir: './data',
      syncTrailingDays: 5,
      syncIntervalHours: 6,
      memoryLimitMb: 64,
      threads: 2,
    });
  });

  it('takes DATABASE_URL, SYNC_TRAILING_DAYS, SYNC_INTERVAL_HOURS and the DuckDB limits from the env', () => {
    const config = loadConfig({
      DATA_DIR: '/var/lib/pulse',
      DATABASE_URL: 'postgres://pulse@db/pulse',
      SYNC_TRAILING_DAYS: '3',
      SYNC_INTERVAL_HOURS: '12',
      WAREHOUSE_MEMORY_LIMIT_MB: '512',
      WAREHOUSE_THREADS: '4',
    });
    expect(config.warehouse).toEqual({
      dataDir: '/var/lib/pulse',
      databaseUrl: 'postgres://pulse@db/pulse',
      syncTrailingDays: 3,
      syncIntervalHours: 12,
      memoryLimitMb: 512,
      threads: 4,
    });
  });

  it('lists every bad warehouse setting at once', () => {
    try {
      loadConfig({ SYNC_TRAILING_DAYS: '-1', SYNC_INTERVAL_HOURS: '0', WAREHOUSE_MEMORY_LIMIT_MB: '8' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'SYNC_TRAILING_DAYS: expected at least 0',
        'SYNC_INTERVAL_HOURS: expected at least 1',
        'WAREHOUSE_MEMORY_LIMIT_MB: expected at least 64',
      ]);
    }
  });
});
