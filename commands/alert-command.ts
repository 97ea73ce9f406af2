/**
 * `/codex alert …` (issue 13). Admins add, remove and preview rules; everyone may list them.
 * `preview` and `add` judge the rule over the warehouse's history with the same evaluation that will
 * decide its firings, so what `add` promises is what will be sent.
 */
import { buildAlertListReport } from '../reports/alerts/alert-list-report.js';
import { buildAlertPreviewReport } from '../reports/alerts/alert-preview-report.js';
import { escapeMrkdwn } from '../reports/blocks/escape-mrkdwn.js';
import type { AlertRuleSpec } from '../src/domain/alert-rules.js';
import { evaluateCondition } from '../src/figures/alert-evaluation.js';
import type { AlertRequest } from './args/parsed-command.js';
import type { AlertDeps, CommandDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { noteReply } from './note-message.js';

export const alertAdminOnlyText =
  'Only Codex Pulse admins (ADMIN_USER_IDS / ADMIN_USERGROUP_ID) can add, remove and preview alerts. `/codex alert list` shows the rules; ask an admin to change them.';
const noWarehouseText = 'Alerts need the usage warehouse, and this deployment has none configured.';
const noStoreText =
  'Saving alert rules needs the store (DATA_DIR or DATABASE_URL), which this process has not opened.';

/** A rule on a team nobody stored would read zeros and fire every period: refused with where to look. */
export function unknownTeamText(team: string): string {
  return `I don't know the team \`${escapeMrkdwn(team)}\`. \`/codex teams\` lists the teams (Slack user groups, channels or the roster), refreshed daily.`;
}

export async function runAlert(
  parsed: AlertRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  const alerts = deps.alerts;
  if (alerts === undefined) return noteReply(noWarehouseText);
  if (parsed.action !== 'list' && !invocation.isAdmin) return noteReply(alertAdminOnlyText);
  if ((parsed.action === 'preview' || parsed.action === 'add') && parsed.spec.scope.kind === 'team') {
    const { team } = parsed.spec.scope;
    if (!(await alerts.history.knownTeam(team))) return noteReply(unknownTeamText(team));
  }
  switch (parsed.action) {
    case 'preview':
      return previewReply(alerts, parsed.spec, {});
    case 'list': {
      if (alerts.rules === undefined) return noteReply(noStoreText);
      const rules = await alerts.rules.list(invocation.teamId);
      const message = buildAlertListReport(rules, { isAdmin: invocation.isAdmin, now: invocation.now });
      return { kind: 'message', message, visibility: 'ephemeral', audience: 'requester', shareable: false };
    }
    case 'add': {
      if (alerts.rules === undefined) return noteReply(noStoreText);
      const rule = await alerts.rules.create({
        teamId: invocation.teamId,
        ownerUserId: invocation.userId,
        spec: parsed.spec,
        destination: parsed.destination,
      });
      const where = parsed.destination.kind === 'channel' ? `<#${parsed.destination.channelId}>` : 'your DM';
      const intro =
        `Saved as \`${escapeMrkdwn(rule.id)}\`: after each sync, each closed period that meets it posts once to ${where}. ` +
        `\`/codex alert remove ${escapeMrkdwn(rule.id)}\` deletes it.`;
      return previewReply(alerts, parsed.spec, { title: 'Alert saved', intro });
    }
    case 'remove': {
      if (alerts.rules === undefined) return noteReply(noStoreText);
      const rule = await alerts.rules.get(parsed.id);
      if (rule === null || rule.teamId !== invocation.teamId) {
        return noteReply(
          `There's no alert \`${escapeMrkdwn(parsed.id)}\`. \`/codex alert list\` shows the ids.`,
        );
      }
      await alerts.rules.remove(rule.id);
      return noteReply(`Removed alert \`${escapeMrkdwn(rule.id)}\`. Its past firings stay on record.`);
    }
  }
}

async function previewReply(
  alerts: AlertDeps,
  spec: AlertRuleSpec,
  text: { title?: string; intro?: string },
): Promise<CommandReply> {
  const history = await alerts.history.history(spec);
  const firings = evaluateCondition(spec.condition, history.periods, {
    includeProvisional: spec.provisional,
  });
  const message = buildAlertPreviewReport({ spec, ...history, firings, ...text });
  return { kind: 'message', message, visibility: 'ephemeral', audience: 'requester', shareable: false };
}
