import { z } from 'zod';
import type { Clock } from '../clock.js';
import { DAY_SECONDS } from '../domain/utc-days.js';
import type { InactiveMember } from '../figures/inactive-members.js';
import type { Logger } from '../logger.js';
import type { WarehouseNudges } from '../warehouse/warehouse-nudges.js';
import type { SlackApiCaller } from './create-slack-directory.js';
import type { InactiveAnswer, TeamAnalytics } from './create-team-analytics.js';
import {
  NUDGE_LAPSED_DAYS,
  NUDGE_PERIOD_DAYS,
  type NudgeOutcome,
  type NudgeService,
  nudgeText,
} from './nudge-service.js';

/** The Web API client (createDirectoryClient: 429s rejected back to us, waited out on the clock). */
export type NudgeSlack = SlackApiCaller;

export interface NudgeServiceDeps {
  analytics: TeamAnalytics;
  nudges: WarehouseNudges;
  slack: NudgeSlack;
  clock: Clock;
  logger: Logger;
  /** NUDGE_MESSAGE, or DEFAULT_NUDGE_MESSAGE. */
  message: string;
  /**
   * Pause between two DMs. chat.postMessage allows about one message per second per conversation with
   * short bursts; each DM is its own conversation, but one a second keeps a long list well inside the
   * workspace-wide limit too.
   */
  spacingMs: number;
  /** 429s waited out (Retry-After, on the clock) per DM before it counts as failed. */
  maxRateLimitWaits: number;
}

const rateLimited = z.object({ code: z.literal('slack_webapi_rate_limited_error'), retryAfter: z.number() });
const platformError = z.object({ data: z.object({ error: z.string() }) });
const DAY_MS = DAY_SECONDS * 1000;

/** The nudge service over the team analytics, the warehouse's nudge record and a Slack client. */
export function createNudgeService(deps: NudgeServiceDeps): NudgeService {
  const inactive = (team: string | null) =>
    deps.analytics.inactiveMembers({ lapsedDays: NUDGE_LAPSED_DAYS, team });
  const since = () => new Date(deps.clock.now().getTime() - NUDGE_PERIOD_DAYS * DAY_MS);
  const reachable = (answer: Extract<InactiveAnswer, { kind: 'people' }>) =>
    answer.people.filter((p): p is InactiveMember & { slackUserId: string } => p.slackUserId !== null);

  const postOnce = async (channel: string, text: string, signal?: AbortSignal): Promise<string | null> => {
    for (let waits = 0; ; waits++) {
      try {
        // A user id as the channel: Slack posts in the bot's DM with them (one request, no conversations.open).
        await deps.slack.apiCall('chat.postMessage', { channel, text });
        return null;
      } catch (error) {
        const limited = rateLimited.safeParse(error);
        if (limited.success && waits < deps.maxRateLimitWaits) {
          await deps.clock.sleep(limited.data.retryAfter * 1000, signal);
          continue;
        }
        const slack = platformError.safeParse(error);
        if (slack.success) return slack.data.data.error;
        return limited.success ? 'ratelimited' : error instanceof Error ? error.message : String(error);
      }
    }
  };

  return {
    async plan(team) {
      const answer = await inactive(team);
      if (answer.kind === 'unknown_team') return answer;
      const recent = await deps.nudges.nudgedSince(since());
      const people = reachable(answer);
      const due = people.filter((p) => !recent.has(p.slackUserId));
      const recipients = due.length;
      return {
        kind: 'plan',
        refresh: answer.refresh,
        team: answer.team,
        recipients,
        unmatchedRecipients: due.filter((p) => !p.matched).length,
        withoutEmail: answer.withoutEmail,
        recentlyNudged: people.length - recipients,
        unreachable: answer.people.length - people.length,
        text: deps.message,
      };
    },

    async send({ team, requestedBy, signal }) {
      const answer = await inactive(team);
      if (answer.kind === 'unknown_team') return answer;
      const outcome: NudgeOutcome = { kind: 'sent', sent: 0, alreadyNudged: 0, failed: [] };
      let first = true;
      for (const person of reachable(answer)) {
        signal?.throwIfAborted();
        const at = deps.clock.now();
        // The claim is the once-per-period guarantee: another click or replica cannot also win it.
        if (
          !(await deps.nudges.claim({ slackUserId: person.slackUserId, at, sentBy: requestedBy }, since()))
        ) {
          outcome.alreadyNudged += 1;
          continue;
        }
        let error: string | null;
        try {
          if (!first) await deps.clock.sleep(deps.spacingMs, signal);
          first = false;
          error = await postOnce(person.slackUserId, nudgeText(deps.message, person.matched), signal);
        } catch (stopped) {
          // Stopped before this DM went out: give the claim back, so the person is not skipped for 30 days.
          await deps.nudges.release(person.slackUserId, at);
          throw stopped;
        }
        if (error === null) {
          await deps.nudges.markSent(person.slackUserId, at);
          outcome.sent += 1;
        } else {
          await deps.nudges.release(person.slackUserId, at);
          outcome.failed.push({ slackUserId: person.slackUserId, error });
        }
      }
      deps.logger.info('teams: nudges sent', {
        user: requestedBy,
        team: team ?? 'all',
        sent: outcome.sent,
        alreadyNudged: outcome.alreadyNudged,
        failed: outcome.failed.length,
      });
      return outcome;
    },
  };
}
