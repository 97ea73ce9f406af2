import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import {
  ALERT_MUTE_ACTION_ID,
  ALERT_OPEN_ACTION_ID,
  ALERT_SNOOZE_ACTION_ID,
  ALERT_SNOOZE_DAYS,
} from '../../reports/alerts/alert-actions.js';
import { formatDate } from '../../reports/blocks/format.js';
import { errorCode } from '../errors.js';
import type { AlertStore } from '../store/alert-store-types.js';
import { answerInDm } from './answer-in-dm.js';
import type { EdgeDeps } from './edge-deps.js';

const NOT_ADMIN_TEXT =
  'Only Codex Pulse admins (ADMIN_USER_IDS / ADMIN_USERGROUP_ID) can snooze or mute alerts.';
const GONE_TEXT = 'That alert rule no longer exists (`/codex alert list` shows the rules).';
const FAILED_TEXT = ":warning: I couldn't change that alert. Try again in a moment.";
const DAY_MS = 86_400_000;

/**
 * The buttons of an alert firing (issue 13, part 2). Snooze (7 days) and mute change the rule, for admins
 * only, re-checked at the click; the reply goes to the clicker alone. "Open the report" runs the firing's
 * report for the clicker, with their own rights, in their DM with the bot.
 */
export function registerAlertActions(app: App, deps: EdgeDeps, rules: AlertStore): void {
  const change = (actionId: string, apply: (id: string) => Promise<string>) =>
    app.action<BlockAction<ButtonAction>>(
      { action_id: actionId },
      async ({ ack, body, action, respond, client }) => {
        await ack();
        const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
        const user = body.user.id;
        try {
          if (!(await deps.isAdmin(client, user))) {
            await tell(NOT_ADMIN_TEXT);
            return;
          }
          const rule = action.value ? await rules.get(action.value) : null;
          if (rule === null || (body.team?.id !== undefined && body.team.id !== rule.teamId)) {
            await tell(GONE_TEXT);
            return;
          }
          await tell(await apply(rule.id));
          deps.logger.info('alert changed from a button', { action: actionId, rule: rule.id, user });
        } catch (error) {
          deps.logger.error('alert button failed', error, { code: errorCode(error), action: actionId, user });
          await tell(FAILED_TEXT);
        }
      },
    );

  change(ALERT_SNOOZE_ACTION_ID, async (id) => {
    const until = new Date(deps.clock.now().getTime() + ALERT_SNOOZE_DAYS * DAY_MS);
    await rules.snooze(id, until);
    return `Snoozed alert \`${id}\` until ${formatDate(Math.floor(until.getTime() / 1000))}: periods that meet it meanwhile are recorded, not posted.`;
  });
  change(ALERT_MUTE_ACTION_ID, async (id) => {
    await rules.setMuted(id, true);
    return `Muted alert \`${id}\`: it stays in \`/codex alert list\` but never fires. \`/codex alert remove ${id}\` deletes it.`;
  });

  app.action<BlockAction<ButtonAction>>(
    { action_id: ALERT_OPEN_ACTION_ID },
    async ({ ack, body, action, client }) => {
      await ack();
      const text = action.value ?? '';
      if (text === '') return;
      await deps.inFlight.track(
        answerInDm(client, deps, {
          text,
          userId: body.user.id,
          teamId: body.team?.id ?? '',
          what: 'alert report',
        }),
      );
    },
  );
}
