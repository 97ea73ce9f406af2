import type { App } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { slackErrorCode } from '../slack-posting/slack-error-code.js';
import type { EdgeDeps } from './edge-deps.js';
import { registerHomeReportAction } from './home-report-action.js';

/** Builds the App Home blocks for one person; the lead wires the real content. */
export type HomeViewBuilder = (ctx: { userId: string; isAdmin: boolean }) => Promise<KnownBlock[]>;

/**
 * App Home tab: publish the view from `homeView` when someone opens it (max 100 blocks in Home), and
 * answer its report buttons (home-report-action.ts).
 */
export function registerAppHome(app: App, deps: EdgeDeps, homeView: HomeViewBuilder): void {
  registerHomeReportAction(app, deps);
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    try {
      const isAdmin = await deps.isAdmin(client, event.user);
      const blocks = (await homeView({ userId: event.user, isAdmin })).slice(0, 100);
      await client.views.publish({ user_id: event.user, view: { type: 'home', blocks } });
    } catch (error) {
      deps.logger.warn('publishing App Home failed', error, {
        user: event.user,
        code: slackErrorCode(error),
      });
    }
  });
}
