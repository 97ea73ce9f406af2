import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store-types.js';
import { lazyScratchDir } from './lazy-scratch-dir.js';

/** An embedded store in a scratch directory, opened on first use and removed on close. */
export interface ScratchStore {
  store(): Promise<Store>;
  close(): Promise<void>;
}

/**
 * The playground's store when it runs without the digest control: shared answers still need one (the
 * Share button reads them back from the store), but never the person's DATA_DIR or DATABASE_URL.
 */
export function createScratchStore(deps: { logger: Logger; clock: Clock }): ScratchStore {
  const scratch = lazyScratchDir(
    (dataDir) => openStore({ dataDir, logger: deps.logger, clock: deps.clock }),
    (store) => store.close(),
  );
  return { store: () => scratch.get(), close: () => scratch.close() };
}
