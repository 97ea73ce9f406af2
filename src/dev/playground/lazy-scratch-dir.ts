import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Something opened in a scratch directory, opened on first use and removed with its directory on close. */
export interface LazyScratch<T> {
  get(): Promise<T>;
  close(): Promise<void>;
}

/**
 * The playground's stores live in scratch directories (never the person's DATA_DIR or DATABASE_URL) and
 * open on first use, since most sessions never need one (the first wave's PGlite took seconds). A failed
 * open removes its directory and is tried again on the next use; close is safe before any open.
 */
export function lazyScratchDir<T>(
  open: (dir: string) => Promise<T>,
  closeValue: (value: T) => Promise<void>,
): LazyScratch<T> {
  let opened: Promise<{ value: T; dir: string }> | undefined;
  const openOnce = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'codex-pulse-playground-'));
    try {
      return { value: await open(dir), dir };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  };
  return {
    async get() {
      opened ??= openOnce();
      const current = await opened.catch((error: unknown) => {
        opened = undefined; // let the next use try again
        throw error;
      });
      return current.value;
    },
    async close() {
      const current = await opened?.catch(() => undefined);
      opened = undefined;
      if (!current) return;
      await closeValue(current.value);
      await rm(current.dir, { recursive: true, force: true });
    },
  };
}
