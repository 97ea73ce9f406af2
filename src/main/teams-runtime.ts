/**
 * Teams (issue 12): team figures over the composition's warehouse for every process and, where there is a
 * bot token, the identity refresh, the nudge DMs and the roster importer over one Slack directory client.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Config, SlackConfig } from '../config/env.js';
import {
  createDirectoryClient,
  createIdentityRefreshJob,
  type IdentityRefreshJob,
} from '../teams/create-identity-refresh-job.js';
import { createNudgeService } from '../teams/create-nudge-service.js';
import { createRosterImporter, type RosterImporter } from '../teams/create-roster-importer.js';
import { createTeamAnalytics, type TeamAnalytics } from '../teams/create-team-analytics.js';
import { DEFAULT_NUDGE_MESSAGE, type NudgeService } from '../teams/nudge-service.js';
import type { Composition } from './compose.js';

/** Teams (issue 12): their figures over the warehouse and, where Slack is configured, the refresh. */
export interface TeamsRuntime {
  analytics: TeamAnalytics;
  /** The identity refresh (users.list, user groups, channels, roster); null without a bot token. */
  refresh: IdentityRefreshJob | null;
  /** `/codex nudge inactive`'s DMs; null without a bot token. */
  nudges: NudgeService | null;
  /** Rosters uploaded in the bot's DM (issue 12 §1b); null without a bot token. */
  rosterImports: RosterImporter | null;
}

/** One DM a second: chat.postMessage's rate tier (about 1 per second per conversation, short bursts). */
const NUDGE_SPACING_MS = 1_000;

/**
 * Team figures over a composition's warehouse and, with a bot token, the identity refresh that fills
 * its teams from Slack (its own Web API client: 429s come back to the directory's tier pacing).
 */
export function createTeamsRuntime(
  c: Composition,
  config: { teams: Config['teams']; slack: Pick<SlackConfig, 'botToken' | 'apiUrl'> },
): TeamsRuntime {
  const { warehouse } = c.sync;
  const analytics = createTeamAnalytics({ warehouse, clock: c.clock, pricing: c.teamPricing });
  const { botToken, apiUrl } = config.slack;
  if (!botToken) return { analytics, refresh: null, nudges: null, rosterImports: null };
  // 429s come back to the caller (the directory's tier pacing, the nudges' Retry-After wait on the clock).
  const api = createDirectoryClient({ token: botToken, ...(apiUrl ? { apiUrl } : {}), logger: c.logger });
  const refresh = createIdentityRefreshJob({
    config: config.teams,
    api,
    warehouse: warehouse.teams,
    clock: c.clock,
    logger: c.logger,
    readText: (path) => readFile(path, 'utf8'),
    uploadedRoster: warehouse.roster,
    newId: randomUUID,
  });
  const nudges = createNudgeService({
    analytics,
    nudges: warehouse.nudges,
    slack: api,
    clock: c.clock,
    logger: c.logger,
    message: config.teams.nudgeMessage ?? DEFAULT_NUDGE_MESSAGE,
    spacingMs: NUDGE_SPACING_MS,
    maxRateLimitWaits: 3,
  });
  const rosterImports = createRosterImporter({
    roster: warehouse.roster,
    teams: warehouse.teams,
    refresh,
    rosterFile: config.teams.rosterFile,
    clock: c.clock,
    logger: c.logger,
  });
  return { analytics, refresh, nudges, rosterImports };
}
