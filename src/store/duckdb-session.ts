/**
 * One DuckDB instance and its one connection, shared by a whole process part (the store, the warehouse),
 * that outlives a fatal DuckDB error. DuckDB invalidates a database on a fatal error (issue 11: "failed to
 * pin block" in a derived-table rebuild): every later statement fails until the instance is closed and
 * opened again, while the file — last checkpoint plus WAL — is fine. So the call that hit it fails, the
 * instance is reopened from the same file with the same settings, and the next call works.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CodexPulseError } from '../errors.js';
import type { Logger } from '../logger.js';
import { isDuckDbInvalidated } from './duckdb-invalidated.js';

/** An open instance and the connection every statement runs on. */
export interface DuckDbHandle {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
}

export interface DuckDbSessionOptions {
  /**
   * Opens the instance with its settings (and attaches its file), ready for statements: at first, and again
   * after DuckDB invalidated it. Schema migrations are not repeated: the reopened file already has them.
   */
  open: () => Promise<DuckDbHandle>;
  /** What this database is, in log lines and errors: `warehouse`, `store`. */
  label: string;
  logger: Logger;
}

export interface DuckDbSession {
  /**
   * Runs `fn` alone on the connection: one statement or transaction at a time, each waiting for the one
   * before it (a transaction must never interleave with another caller's statements). When `fn` fails
   * because DuckDB invalidated the database, the session logs it once, closes the instance and opens it
   * again before the next call runs, and this call rejects with `store_query_failed` (`store_unavailable`
   * when the reopen failed too; the next call then tries again).
   */
  exclusive<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T>;
  /** Waits for the call in flight, then closes the instance (closing checkpoints the WAL). Idempotent. */
  close(): Promise<void>;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function closeHandle(handle: DuckDbHandle): void {
  handle.connection.closeSync();
  handle.instance.closeSync();
}

/** Opens the instance (`options.open`'s errors reach the caller unchanged) and serialises its use. */
export async function openDuckDbSession(options: DuckDbSessionOptions): Promise<DuckDbSession> {
  const { label, logger } = options;
  let handle: DuckDbHandle | undefined = await options.open();
  let closed = false;
  let tail: Promise<unknown> = Promise.resolve();
  const queued = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };

  const reopenFailed = (error: unknown) =>
    new CodexPulseError(
      'store_unavailable',
      `The embedded ${label} could not be reopened after DuckDB invalidated it: ${messageOf(error)}`,
      { cause: error },
    );

  /** After a reopen that failed: the next call tries again, and fails alone if it cannot. */
  const reopen = async (): Promise<DuckDbHandle> => {
    try {
      handle = await options.open();
      return handle;
    } catch (error) {
      throw reopenFailed(error);
    }
  };

  /** Replaces the invalidated instance; returns the error the call in flight rejects with. */
  const recover = async (invalidation: unknown): Promise<Error> => {
    logger.error(`${label}: DuckDB invalidated the database after a fatal error; reopening it`, {
      error: messageOf(invalidation),
    });
    const broken = handle;
    handle = undefined;
    // DuckDB lets a process open a file once: the invalidated instance must be gone before the reopen.
    if (broken !== undefined) {
      try {
        closeHandle(broken);
      } catch (error) {
        logger.warn(`${label}: closing the invalidated instance failed`, { error: messageOf(error) });
      }
    }
    try {
      handle = await options.open();
    } catch (error) {
      const failure = reopenFailed(error);
      logger.error(`${label}: reopening after DuckDB invalidated it failed`, { error: failure.message });
      return failure;
    }
    logger.info(`${label}: reopened after DuckDB invalidated it`);
    return new CodexPulseError(
      'store_query_failed',
      `DuckDB invalidated the embedded ${label} during this call, which failed: its transaction is lost ` +
        "unless DuckDB's words at the end say its commit was durable. The file was reopened; the next call works. " +
        `DuckDB said: ${messageOf(invalidation)}`,
      { cause: invalidation },
    );
  };

  return {
    exclusive: (fn) =>
      queued(async () => {
        if (closed) throw new CodexPulseError('store_unavailable', `The embedded ${label} is closed`);
        const current = handle ?? (await reopen());
        try {
          return await fn(current.connection);
        } catch (error) {
          if (!isDuckDbInvalidated(error)) throw error;
          throw await recover(error);
        }
      }),
    close: () =>
      queued(async () => {
        if (closed) return;
        closed = true;
        if (handle !== undefined) closeHandle(handle);
        handle = undefined;
      }),
  };
}
