import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { errorCode } from '../../src/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { testClock } from '../helpers/test-clock.js';

const dirs: string[] = [];
async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'store-lock-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** A process that is alive while the test looks, ended afterwards. */
function sleeper() {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  return { pid: child.pid ?? -1, stop: () => child.kill('SIGKILL') };
}

describe('embedded store: one process per data directory', () => {
  it('refuses a data directory another live process holds, naming it', async () => {
    const dir = await scratch();
    const other = sleeper();
    try {
      await writeFile(join(dir, 'codex-pulse.lock'), String(other.pid));
      const failure = await openStore({
        dataDir: dir,
        logger: createMemoryLogger(),
        clock: testClock(),
      }).catch((e: unknown) => e);
      expect(errorCode(failure)).toBe('store_locked');
      expect((failure as Error).message).toContain(`pid ${other.pid}`);
      expect((failure as Error).message).toContain('DATABASE_URL');
    } finally {
      other.stop();
    }
  });

  it('takes over a lock whose owner is gone, and releases it on close', async () => {
    const dir = await scratch();
    const gone = sleeper();
    gone.stop();
    await new Promise((resolve) => setImmediate(resolve));
    // A pid that no longer exists (killed above; reaped by the time the store looks).
    await writeFile(join(dir, 'codex-pulse.lock'), String(gone.pid));
    let store = await openStore({ dataDir: dir, logger: createMemoryLogger(), clock: testClock() }).catch(
      async (e: unknown) => {
        // The kernel may not have reaped it yet: wait for the exit, then open.
        if (errorCode(e) !== 'store_locked') throw e;
        await new Promise((resolve) => setTimeout(resolve, 200));
        return openStore({ dataDir: dir, logger: createMemoryLogger(), clock: testClock() });
      },
    );
    expect(await readFile(join(dir, 'codex-pulse.lock'), 'utf8')).toBe(String(process.pid));
    await store.close();
    await expect(readFile(join(dir, 'codex-pulse.lock'), 'utf8')).rejects.toThrow();
    store = await openStore({ dataDir: dir, logger: createMemoryLogger(), clock: testClock() });
    await store.close();
  });

  it('refuses a second open of the same directory in this process until the first closes', async () => {
    const dir = await scratch();
    const first = await openStore({ dataDir: dir, logger: createMemoryLogger(), clock: testClock() });
    const second = await openStore({ dataDir: dir, logger: createMemoryLogger(), clock: testClock() }).catch(
      (e: unknown) => e,
    );
    expect(errorCode(second)).toBe('store_locked');
    expect((second as Error).message).toContain('This process already has');
    await first.close();
    const third = await openStore({ dataDir: dir, logger: createMemoryLogger(), clock: testClock() });
    await third.close();
  });
});
