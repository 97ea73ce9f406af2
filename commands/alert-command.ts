/**
 * `/codex alert …` (issue 13). `preview`: how often a rule would have fired over the warehouse's
 * history, judged by the same evaluation that will decide its firings. Admins manage alerts; a
 * deployment without a warehouse answers that alerts need one.
 */
import { buildAlertPreviewReport } from '../reports/alerts/alert-preview-report.js';
import { evaluateCondition } from '../src/figures/alert-evaluation.js';
import type { AlertRequest } from './args/parsed-command.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { noteReply } from './note-message.js';

export const alertAdminOnlyText =
  'Only Codex Pulse admins (ADMIN_USER_IDS / ADMIN_USERGROUP_ID) can preview and manage alerts. Ask an admin to set one up.';

export async function runAlert(
  parsed: AlertRequest,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CommandReply> {
  if (!invocation.isAdmin) return noteReply(alertAdminOnlyText);
  const alerts = deps.alerts;
  if (alerts === undefined) {
    return noteReply('Alerts need the usage warehouse, and this deployment has none configured.');
  }
  const { spec } = parsed;
  const history = await alerts.history.history(spec);
  const firings = evaluateCondition(spec.condition, history.periods, {
    includeProvisional: spec.provisional,
  });
  const message = buildAlertPreviewReport({ spec, ...history, firings });
  return { kind: 'message', message, visibility: 'ephemeral', audience: 'requester', shareable: false };
}
