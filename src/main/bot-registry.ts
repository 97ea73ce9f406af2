/**
 * The `/codex` command registry over a composition, built once per process: the commands receive the
 * analytics, alerts, digests and teams as parameters, and the Slack edge receives the registry.
 */
import type { DigestDeps } from '../../commands/command-deps.js';
import type { CommandRegistry } from '../../commands/command-types.js';
import { createCommandRegistry } from '../../commands/create-command-registry.js';
import type { AlertStore, BudgetStore } from '../store/alert-store-types.js';
import { createTeamAnalytics } from '../teams/create-team-analytics.js';
import type { Composition } from './compose.js';
import type { TeamsRuntime } from './teams-runtime.js';

/**
 * The `/codex` command registry, built once per process: with the digest deps, alert rules and budgets where
 * the store is open (`serve`, the playground), without them where it is not (`preview`), when `digest …`
 * answers that scheduling isn't configured.
 */
export function createBotRegistry(
  c: Composition,
  digests?: DigestDeps,
  teams?: Pick<TeamsRuntime, 'analytics' | 'nudges'>,
  stored?: { alerts: AlertStore; budgets: BudgetStore },
): CommandRegistry {
  // Team figures read only the warehouse: every answering process has them, nudges only with Slack.
  const teamDeps = teams ?? {
    analytics: createTeamAnalytics({ warehouse: c.sync.warehouse, clock: c.clock, pricing: c.teamPricing }),
  };
  return createCommandRegistry({
    analytics: c.analytics,
    logger: c.logger,
    alerts: {
      history: c.alertHistory,
      ...(stored ? { rules: stored.alerts, budgets: stored.budgets } : {}),
    },
    ...(digests ? { digests } : {}),
    teams: {
      analytics: teamDeps.analytics,
      ...('nudges' in teamDeps && teamDeps.nudges ? { nudges: teamDeps.nudges } : {}),
    },
  });
}
