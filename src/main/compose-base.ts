/**
 * What every caller of the composition root provides (issue #9). The clock and the logger always come from
 * the caller — the process entry passes the system clock, tests a clock they control — so no factory in
 * src/main/ or below falls back to a default. A file of its own because openSync and compose both take it.
 */
import type { Dispatcher } from 'undici';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';

/** What the caller of compose() provides: never a silent default. */
export interface ComposeBase {
  clock: Clock;
  logger: Logger;
  /** undici dispatcher for the Codex API and QuickChart (proxies, tests); the client owns its pool otherwise. */
  fetchDispatcher?: Dispatcher;
}
