import { webApi } from '@slack/bolt';
import type { Clock } from '../clock.js';
import type { TeamsConfig } from '../config/env.js';
import type { Logger } from '../logger.js';
import type { WarehouseRoster } from '../warehouse/warehouse-roster.js';
import type { TeamRefresh, WarehouseTeams } from '../warehouse/warehouse-teams.js';
import { createSlackDirectory, type SlackApiCaller, slackTierDefaults } from './create-slack-directory.js';
import { refreshIdentities } from './refresh-identities.js';
import type { ReadText } from './roster-team-source.js';
import { teamSourcesFor } from './team-sources-for.js';

export interface IdentityRefreshJob {
  /** One refresh (daily in production); see refreshIdentities. */
  run(signal?: AbortSignal): Promise<TeamRefresh>;
}

export interface IdentityRefreshJobDeps {
  config: TeamsConfig;
  /** A client from createDirectoryClient (429s come back to the directory's pacing). */
  api: SlackApiCaller;
  warehouse: WarehouseTeams;
  clock: Clock;
  logger: Logger;
  readText: ReadText;
  /** The roster uploaded in the bot's DM, read at each refresh (it overrides ROSTER_FILE). */
  uploadedRoster: Pick<WarehouseRoster, 'current'>;
  newId: () => string;
}

/** The refresh as the composition root builds it: Slack's documented tiers, the configured sources. */
export function createIdentityRefreshJob(deps: IdentityRefreshJobDeps): IdentityRefreshJob {
  const directory = createSlackDirectory({
    api: deps.api,
    clock: deps.clock,
    logger: deps.logger,
    ...slackTierDefaults,
  });
  const sources = teamSourcesFor(deps.config, {
    directory,
    readText: deps.readText,
    uploadedRoster: deps.uploadedRoster,
  });
  return {
    run: (signal) =>
      refreshIdentities(
        {
          directory,
          sources,
          warehouse: deps.warehouse,
          clock: deps.clock,
          logger: deps.logger,
          newId: deps.newId,
        },
        signal,
      ),
  };
}

/**
 * The Web API client the directory (and the nudge DMs) need: 429s are rejected back to the caller (it
 * waits on the injected clock within the method's tier), other failures retried twice by the client.
 */
export function createDirectoryClient(options: {
  token: string;
  apiUrl?: string;
  logger: Logger;
}): SlackApiCaller {
  return new webApi.WebClient(options.token, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    logger: options.logger,
    rejectRateLimitedCalls: true,
    // Bounded: a daily job (and `serve`'s stop, which waits for it) must not sit in the client's default
    // half hour of retries; the next look retries a failed refresh within the hour.
    retryConfig: { retries: 2, factor: 2, minTimeout: 1_000, maxTimeout: 5_000 },
    timeout: 30_000,
  });
}
