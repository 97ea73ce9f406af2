import type { CommandRegistry } from '../../commands/command-types.js';
import type { AdminCheck } from './admin-check.js';
import type { ChartDeps } from './chart-images.js';
import type { InFlight } from './in-flight.js';
import type { ShareStore } from './share-store.js';
import type { UserProfiles } from './user-profiles.js';

/** What every listener of the Slack edge needs; built once in createSlackApp. */
export interface EdgeDeps extends ChartDeps {
  registry: CommandRegistry;
  isAdmin: AdminCheck;
  profiles: UserProfiles;
  shares: ShareStore;
  inFlight: InFlight;
}
