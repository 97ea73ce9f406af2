import { section } from '../reports/blocks/block-helpers.js';
import { buildNudgePreview } from '../reports/teams/nudge-preview.js';
import { TEAMS_NOT_LOADED } from '../reports/teams/teams-report.js';
import { NUDGE_LAPSED_DAYS } from '../src/teams/nudge-service.js';
import { adminOnlyReply, teamsUnavailableReply } from './admin-only.js';
import type { NudgeRequest } from './args/parsed-command.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { unknownTeamReply } from './unknown-team-reply.js';

/**
 * `/codex nudge inactive [team]` (issue 12): admins only, and opt-in — this only previews; the DMs go
 * out when the admin clicks Send (the Slack edge's nudge action, which checks admin rights again).
 */
export async function runNudge(
  parsed: NudgeRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  if (!invocation.isAdmin) return adminOnlyReply('`/codex nudge inactive`');
  const nudges = deps.teams?.nudges;
  if (!nudges) return teamsUnavailableReply();
  const plan = await nudges.plan(parsed.team);
  if (plan.kind === 'unknown_team') return unknownTeamReply(plan.query, plan.known);
  if (plan.refresh === null || plan.refresh.status === 'emails_hidden') {
    const text = plan.refresh?.detail ?? TEAMS_NOT_LOADED;
    return {
      kind: 'message',
      message: { text, blocks: [section(text)], charts: [] },
      visibility: 'ephemeral',
      audience: 'requester',
      shareable: false,
    };
  }
  return {
    kind: 'message',
    message: buildNudgePreview({
      teamName: plan.team?.name ?? null,
      teamId: plan.team?.id ?? null,
      recipients: plan.recipients,
      unmatchedRecipients: plan.unmatchedRecipients,
      withoutEmail: plan.withoutEmail,
      recentlyNudged: plan.recentlyNudged,
      unreachable: plan.unreachable,
      text: plan.text,
      lapsedDays: NUDGE_LAPSED_DAYS,
    }),
    visibility: 'ephemeral',
    audience: 'requester',
    shareable: false,
  };
}
