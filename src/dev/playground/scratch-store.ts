import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store-types.js';

/** An embedded store in a scratch directory, opened on first use and removed on close. */
export interface ScratchStore {
  store(): Promise<Store>;
  close(): Promise<void>;
}

/**
 * The playground's store when it runs without the digest control: shared answers still need one (the
 * Share button reads them back from the store), but never the person's DATA_DIR or DATABASE_URL. Opened
 * lazily, since PGlite takes seconds to start and most sessions may never share.
 */
export function createScratchStore(deps: { logger: Logger; clock: Clock }): ScratchStore {
  let opened: Promise<{ store: Store; dir: string }> | undefined;
  const open = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'codex-pulse-playground-'));
    try {
      return { store: await openStore({ dataDir: dir, logger: deps.logger, clock: deps.clock }), dir };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  };
  return {
    async store() {
      opened ??= open();
      const current = await opened.catch((error: unknown) => {
        opened = undefined; // let the next use try again
        throw error;
      });
      return current.store;
    },
    async close() {
      const current = await opened?.catch(() => undefined);
      opened = undefined;
      if (!current) return;
      await current.store.close();
      await rm(current.dir, { recursive: true, force: true });
    },
  };
}
