import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Config, SlackConfig } from '../../config/env.js';
import { createBotRegistry } from '../../main/bot-registry.js';
import type { Composition } from '../../main/compose.js';
import { createSlackEdge } from '../../main/slack-edge.js';
import { createTeamsRuntime } from '../../main/teams-runtime.js';
import type { QuietTimer } from '../../slack/quiet-timer.js';
import { startFakeSlack } from '../fake-slack/fake-slack.js';
import { createBotRequests } from './bot-requests.js';
import { FakeSlackBridge } from './fake-slack-bridge.js';
import { Feed } from './feed.js';
import { lazyAlertStores, lazyDigestDeps } from './lazy-digest-deps.js';
import { lazyShareStore } from './lazy-share-store.js';
import { messageView } from './message-view.js';
import { createPlaygroundActions } from './playground-actions.js';
import { createPlaygroundAlerts } from './playground-alerts.js';
import { createPlaygroundCodexApi } from './playground-codex-api.js';
import { createPlaygroundDigests, type OpenDigests } from './playground-digests.js';
import { playgroundIds as ids, suggestedCommands } from './playground-ids.js';
import { playgroundTeamsConfig, seedPlaygroundPeople } from './playground-people.js';
import { startPlaygroundServer } from './playground-server.js';
import { type RenderContext, renderBlocks } from './render/render-blocks.js';
import { createScratchStore } from './scratch-store.js';
import { loadStaticAssets } from './static-assets.js';

export interface PlaygroundOptions {
  /** The session's configuration (its Codex settings point at the simulator); Slack settings are ours. */
  config: Config;
  composition: Composition;
  /** Default 3030; 0 picks a free port (tests). */
  port?: number;
  /**
   * Builds the digest service for "Run scheduled digests now" (demo passes `openDigestRuntime`); it gets
   * the playground's Slack settings and a scratch DATA_DIR. Without it the control is disabled.
   */
  openDigests?: OpenDigests;
  /** Wall time for request signatures (Bolt checks them against the system clock): the CLI's clock. */
  wallClock: Clock;
  /** Real time for the Slack edge's burst gate: the CLI's. */
  quietTimer: QuietTimer;
  /**
   * The simulator behind the composition (its seed and user count): the fake Slack gets people whose
   * emails match its actors, in a few user groups, and one identity refresh runs before the page opens
   * so `/codex teams` has teams (issue 12).
   */
  people: { seed: string; users: number };
  /**
   * The simulator's spike injection (RunningSimulator.setDayFactor): with `openDigests`, enables "Sync
   * with a spike, then run alerts" (issue 13). Without it the control is disabled.
   */
  spike?: (day: string, factor: number) => void;
  /**
   * The simulator's stop and restart (RunningSimulator.setRunning): enables "Stop the Codex API" (issue 11,
   * Done when). Without it the control is disabled.
   */
  setApiRunning?: (running: boolean) => Promise<void>;
}

export interface RunningPlayground {
  url: string;
  close(): Promise<void>;
}

/**
 * The local playground: the fake Slack Web API, the real Bolt app in HTTP mode on 127.0.0.1 (the same
 * `createSlackEdge` that `serve` runs) and the page that plays the part of Slack — it signs each slash
 * command, click and event with a fresh signing secret and shows what the bot sent back.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const { composition: c } = options;
  const wall = options.wallClock;
  const assets = await loadStaticAssets();
  const fake = await startFakeSlack();
  fake.channels.set(ids.channel, { id: ids.channel, name: ids.channelName, is_member: true });
  // "You" are one of the simulated Codex users, so `/codex me` has a week to show.
  seedPlaygroundPeople(fake, options.people, { id: ids.user, name: ids.userName });
  const signingSecret = randomBytes(24).toString('hex');
  // Never Socket Mode or a real workspace here, whatever the environment says.
  const { appToken: _socket, adminUsergroupId: _group, ...slackDefaults } = options.config.slack;
  const slack: SlackConfig = {
    ...slackDefaults,
    botToken: 'xoxb-playground',
    signingSecret,
    apiUrl: fake.url, // ends with '/', as the Web API client needs
    botId: ids.botId,
    botUserId: ids.botUser,
    adminUserIds: [ids.user],
  };
  const digests = options.openDigests
    ? createPlaygroundDigests({ slack, open: options.openDigests, clock: c.clock })
    : undefined;
  // Shared answers live in a store, as in `serve`: the digest control's one when there is one, else a
  // scratch store of their own (never opened when the digest store serves).
  const scratch = createScratchStore({ logger: c.logger, clock: c.clock });
  const shares = lazyShareStore(
    async () => (digests ? (await digests.runtime()).store : await scratch.store()).shares,
  );
  // `/codex digest …` in the playground works on the same store as the "run digests" control.
  const digestDeps = digests ? lazyDigestDeps(digests.runtime) : undefined;
  const alertStores = digests ? lazyAlertStores(digests.runtime) : undefined;
  const alerts =
    digests && options.spike
      ? createPlaygroundAlerts({
          composition: c,
          clock: c.clock,
          spike: options.spike,
          runtime: digests.runtime,
        })
      : undefined;
  const codexApi = options.setApiRunning
    ? createPlaygroundCodexApi({
        composition: c,
        clock: c.clock,
        setRunning: options.setApiRunning,
      })
    : undefined;
  const teams = createTeamsRuntime(c, { teams: playgroundTeamsConfig, slack });
  const edge = createSlackEdge(c, slack, {
    quietTimer: options.quietTimer,
    host: '127.0.0.1',
    port: 0,
    registry: createBotRegistry(c, digestDeps, teams, alertStores),
    ...(teams.nudges ? { nudges: teams.nudges } : {}),
    shares,
    // Ready once the store that keeps shares answers (opening it, as the first share would).
    ready: async () => (await (digests ? (await digests.runtime()).store : scratch.store())).ping(),
    ...(digestDeps ? { digests: digestDeps } : {}),
    ...(alertStores ? { alertRules: alertStores.alerts } : {}),
  });
  const closers: Array<() => Promise<unknown> | unknown> = [() => fake.close()];
  if (digests) closers.push(() => digests.close());
  closers.push(() => scratch.close());
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    // Teams before the first question: one refresh against the seeded fake Slack (a failure is logged
    // and recorded by the refresh; `/codex teams` then says teams are not loaded).
    await teams.refresh?.run().catch(() => undefined);
    const { port: botPort } = await edge.start();
    closers.push(() => edge.stop());
    const feed = new Feed();
    const fileName = (id: string) => fake.uploads.find((u) => u.fileId === id)?.filename;
    const bridge = new FakeSlackBridge(feed, wall, { homeUser: ids.user, fileName });
    closers.push(fake.onEvent((event) => bridge.apply(event)));
    const bot = createBotRequests({
      eventsUrl: `http://127.0.0.1:${botPort}/slack/events`,
      signingSecret,
      clock: wall,
    });
    const actions = createPlaygroundActions({
      feed,
      bridge,
      bot,
      responseUrl: () => fake.responseUrl(),
      clock: wall,
      logger: c.logger,
    });
    const names: Record<string, string> = { [ids.user]: ids.userName, [ids.botUser]: ids.botName };
    const ctx: RenderContext = {
      fileUrl: (id) => `/files/${encodeURIComponent(id)}`,
      userName: (id) => names[id] ?? fake.users.get(id)?.name,
      channelName: (id) => (id === ids.channel ? ids.channelName : undefined),
    };
    const server = await startPlaygroundServer(
      {
        feed,
        actions,
        render: {
          message: (m) => messageView(m, ctx),
          home: (blocks) => renderBlocks(blocks, ctx),
          meta: {
            ...ids,
            suggestions: suggestedCommands,
            digests: digests !== undefined,
            alerts: alerts !== undefined,
            codexApi: codexApi !== undefined,
          },
          live: () => ({ codexApiRunning: codexApi?.running() ?? null }),
        },
        assets,
        file: (id) => fake.uploads.find((u) => u.fileId === id),
        ...(digests ? { runDigests: () => digests.run(ids.channel) } : {}),
        ...(alerts ? { runAlerts: () => alerts.run() } : {}),
        ...(codexApi ? { setApiRunning: (running: boolean) => codexApi.set(running) } : {}),
        logger: c.logger,
      },
      { port: options.port ?? 3030 },
    );
    closers.push(() => server.close());
    return { url: `http://127.0.0.1:${server.port}`, close };
  } catch (error) {
    await close();
    throw error;
  }
}
