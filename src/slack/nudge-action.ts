import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { buildNudgeOutcome } from '../../reports/teams/nudge-preview.js';
import { errorCode } from '../errors.js';
import { NUDGE_SEND_ACTION_ID, type NudgeService } from '../teams/nudge-service.js';
import type { EdgeDeps } from './edge-deps.js';

const NOT_ADMIN_TEXT =
  ':lock: Only Codex Pulse admins (ADMIN_USER_IDS / ADMIN_USERGROUP_ID) can send nudges. Nothing was sent.';
const FAILED_TEXT = ":warning: I couldn't finish sending the nudges. Those not sent can be nudged again.";
const UNKNOWN_TEAM_TEXT = 'That team is gone since the preview (teams are re-read daily). Nothing was sent.';

const buttonValue = z.object({ team: z.string().max(200).nullable() });

/**
 * The Send button of `/codex nudge inactive` (issue 12): admin rights are checked again at the click
 * (the preview proves nothing), the preview is replaced at once so a second click finds no button, and
 * the DMs go out in the background — paced by the nudge service — with the outcome posted to the admin.
 */
export function registerNudgeAction(app: App, deps: EdgeDeps, nudges: NudgeService): void {
  app.action<BlockAction<ButtonAction>>(
    { action_id: NUDGE_SEND_ACTION_ID },
    async ({ ack, body, action, respond, client }) => {
      await ack();
      const user = body.user.id;
      const tell = (text: string, replace: boolean) =>
        respond({ response_type: 'ephemeral', replace_original: replace, text });
      if (!(await deps.isAdmin(client, user))) {
        deps.logger.warn('nudge refused: not an admin', { user });
        await tell(NOT_ADMIN_TEXT, false);
        return;
      }
      const parsed = buttonValue.safeParse(safeJson(action.value ?? ''));
      if (!parsed.success) {
        await tell(FAILED_TEXT, false);
        return;
      }
      await tell('Sending the nudges… I will post how it went here.', true);
      await deps.inFlight.track(
        (async () => {
          try {
            const outcome = await nudges.send({ team: parsed.data.team, requestedBy: user });
            if (outcome.kind === 'unknown_team') {
              await tell(UNKNOWN_TEAM_TEXT, false);
              return;
            }
            const message = buildNudgeOutcome(outcome);
            await respond({
              response_type: 'ephemeral',
              replace_original: false,
              text: message.text,
              blocks: message.blocks,
            });
          } catch (error) {
            deps.logger.error('nudges failed', error, { code: errorCode(error), user });
            await tell(FAILED_TEXT, false);
          }
        })(),
      );
    },
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
