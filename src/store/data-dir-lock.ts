/**
 * One process per embedded database: DuckDB lets one process write a database file, and two processes
 * sharing one data directory (say `serve` and a `digest run` from cron) must not race for it. A lock file holding the
 * owner's pid is created exclusively; a lock left by a process that no longer exists (kill -9, a crash)
 * is taken over, so a restart is never blocked by its own past.
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CodexPulseError } from '../errors.js';

export interface DataDirLock {
  release(): Promise<void>;
}

/** Takes `${dataDir}/codex-pulse.lock` or throws `store_locked` naming the live owner. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, 'codex-pulse.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(String(process.pid));
      await file.close();
      return { release: () => rm(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      // Our own pid counts as held: a second open in this process would share the database files too.
      if (Number.isInteger(owner) && isAlive(owner)) {
        const who =
          owner === process.pid
            ? 'This process already has'
            : `Another Codex Pulse process (pid ${owner}) has`;
        throw new CodexPulseError(
          'store_locked',
          `${who} the embedded store in ${dataDir} open. ` +
            'The embedded store serves one process; use DATABASE_URL (PostgreSQL) for several.',
        );
      }
      await rm(path, { force: true }); // stale: its owner is gone
    }
  }
  throw new CodexPulseError('store_locked', `Could not take the embedded store lock in ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
