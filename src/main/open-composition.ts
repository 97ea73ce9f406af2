/**
 * The warehouse, its sync job and the core over them, as every answering process (serve, preview, demo,
 * digest run) opens them (issue 11, part 2): one metrics Registry shared by the core and the sync's client,
 * and one close() that closes the sync runtime, the only thing the core holds open.
 */
import type { Config } from '../config/env.js';
import { type Composition, compose } from './compose.js';
import type { ComposeBase } from './compose-base.js';
import { compositionMetrics } from './composition-metrics.js';
import { openSync } from './open-sync.js';

/**
 * The warehouse, its sync job and the core over them: what every answering process opens (issue 11,
 * part 2). The sync's requests and failures (top-ups included) count on the composition's metrics.
 * `close()` closes the core, then the warehouse.
 */
export async function openComposition(
  config: Pick<Config, 'codex' | 'charts' | 'analytics' | 'warehouse'>,
  base: ComposeBase,
): Promise<Composition> {
  const metrics = compositionMetrics();
  const sync = await openSync(config, base, metrics);
  return { ...compose(config, base, { sync, metrics }), close: () => sync.close() };
}
