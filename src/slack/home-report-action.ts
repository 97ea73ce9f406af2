import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { HOME_OPEN_REPORT_ACTION, homeReports } from '../../reports/home/home-view.js';
import { answerInDm } from './answer-in-dm.js';
import type { EdgeDeps } from './edge-deps.js';

/**
 * App Home report buttons (`home_open_report_<report>`, value `usage|top|reviews`): a Home tab has no
 * response_url, so the command runs as `/codex <report> last-week` and the answer goes to the clicker's
 * DM with the bot (conversations.open + chat.postMessage). The registry still checks who may see what.
 */
export function registerHomeReportAction(app: App, deps: EdgeDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { action_id: new RegExp(`^${HOME_OPEN_REPORT_ACTION}`) },
    async ({ ack, body, action, client }) => {
      await ack();
      const report = homeReports.find((r) => r === action.value);
      if (!report) return;
      await deps.inFlight.track(
        answerInDm(client, deps, {
          text: `${report} last-week`,
          userId: body.user.id,
          teamId: body.team?.id ?? '',
          what: 'App Home report',
        }),
      );
    },
  );
}
