/**
 * Test seam for the Slack edge: a small, real CommandRegistry (not a mock), the real Bolt app on
 * 127.0.0.1:0 with a real signing secret, and the fake Slack Web API on the other side.
 */

import type { KnownBlock } from '@slack/types';
import type { CommandInvocation, CommandRegistry, CommandReply } from '../../commands/command-types.js';
import type { ReportMessage } from '../../reports/blocks/report-message.js';
import type { ChartSpec } from '../../reports/charts/chart-spec.js';
import type { RenderedChart } from '../../src/charts/chart-types.js';
import { createManualClock } from '../../src/clock.js';
import {
  type FakeSlack,
  type FakeSlackOptions,
  startFakeSlack,
} from '../../src/dev/fake-slack/fake-slack.js';
import { CodexPulseError, errorCodes, isOneOf } from '../../src/errors.js';
import type { HomeViewBuilder } from '../../src/slack/app-home.js';
import { type QuietTimer, systemQuietTimer } from '../../src/slack/quiet-timer.js';
import { createSlackApp, type SlackApp } from '../../src/slack/slack-app.js';
import type { SharePollPolicy } from '../../src/slack-posting/file-shares.js';
import type { AlertStore } from '../../src/store/alert-store-types.js';
import type { ShareStore, SubscriptionStore } from '../../src/store/store-types.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { type SignedRequest, sendSigned, signedEvent, signedSlashCommand } from '../helpers/slack-signing.js';
import { testMetrics } from '../helpers/test-metrics.js';
import { fileShareStore } from '../helpers/test-share-store.js';

export const SECRET = 'test-signing-secret-7d3f9a';
export const ALICE = 'U0ALICE001';
export const BOB = 'U0BOB00001';
export const GENERAL = 'C0GENERAL1';
export const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

export function chart(key: string): ChartSpec {
  return {
    key,
    title: `${key} chart`,
    altText: `${key}: 42 weekly active users, up 5%`,
    width: 800,
    height: 400,
    config: { type: 'bar', data: { labels: ['mon'], datasets: [{ label: 'users', data: [42] }] } },
  };
}

export function report(title: string, charts: ChartSpec[] = []): ReportMessage {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: title } },
    { type: 'section', text: { type: 'mrkdwn', text: `*${title}*: 42 weekly active users` } },
    {
      type: 'context',
      block_id: 'report-footer',
      elements: [{ type: 'mrkdwn', text: 'Last 7 days · Codex Analytics API' }],
    },
  ];
  return { text: `${title}: 42 weekly active users`, blocks, charts };
}

/** A controllable promise: the `slow` command waits on it so tests can order events without sleeping. */
export function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

export function createTestRegistry() {
  const invocations: CommandInvocation[] = [];
  const events: string[] = [];
  const slow = gate();
  const replies: Record<
    string,
    (inv: CommandInvocation, args: string[]) => Promise<CommandReply> | CommandReply
  > = {
    ping: () => ({
      kind: 'message',
      message: report('Pong', [chart('adoption')]),
      visibility: 'ephemeral',
      audience: 'channel',
      shareable: true,
    }),
    plain: () => ({
      kind: 'message',
      message: report('Plain'),
      visibility: 'ephemeral',
      audience: 'channel',
      shareable: true,
    }),
    public: () => ({
      kind: 'message',
      message: report('Public', [chart('adoption')]),
      visibility: 'in_channel',
      audience: 'channel',
      shareable: false,
    }),
    digest: (_inv, [visibility]) => ({
      kind: 'thread',
      report: {
        parent: report('Digest', [chart('trend')]),
        replies: [report('Reply one'), report('Reply two')],
      },
      visibility: visibility === 'private' ? 'ephemeral' : 'in_channel',
      audience: 'channel',
      shareable: true,
    }),
    // A per-user answer as `top` builds it: names for admins (with how many), an aggregate otherwise.
    rank: (inv) =>
      inv.isAdmin
        ? {
            kind: 'message',
            message: report('Top users: ada, bob, cy'),
            visibility: 'ephemeral',
            audience: 'requester',
            shareable: true,
            namedPeople: 3,
          }
        : {
            kind: 'message',
            message: report('Top 3 used 42%'),
            visibility: 'ephemeral',
            audience: 'requester',
            shareable: true,
          },
    users: () => ({
      kind: 'message',
      message: report('Top users'),
      visibility: 'ephemeral',
      audience: 'requester',
      shareable: false,
    }),
    // `export requester`: the same file, for the asker alone (as the users export decides).
    export: (_inv, [audience]) => ({
      kind: 'file',
      filename: 'usage.csv',
      filetype: 'csv',
      content: 'day,users\n2026-01-01,42\n',
      title: 'Usage export',
      comment: report('Usage export'),
      audience: audience === 'requester' ? 'requester' : 'channel',
    }),
    'users-export': () => ({
      kind: 'file',
      filename: 'users.csv',
      filetype: 'csv',
      content: 'day,user,credits\n2026-01-01,alice,4.2\n',
      title: 'Users export',
      comment: report('Users export'),
      audience: 'requester',
    }),
    charts: (_inv, keys) => ({
      kind: 'message',
      message: report('Charts', keys.map(chart)),
      visibility: 'ephemeral',
      audience: 'channel',
      shareable: true,
    }),
    slow: async () => {
      events.push('dispatch-started');
      await slow.promise;
      events.push('dispatch-resolved');
      return {
        kind: 'message',
        message: report('Slow answer'),
        visibility: 'ephemeral',
        audience: 'requester',
        shareable: false,
      };
    },
    boom: (_inv, [code = 'internal', ...words]) => {
      if (code === 'internal') throw new TypeError('kaboom at Object.<anonymous> (/srv/secret.ts:1:1)');
      if (!isOneOf(code, errorCodes)) throw new TypeError(`boom: '${code}' is not one of our error codes`);
      throw new CodexPulseError(code, words.join(' ') || `${code} happened`);
    },
    whoami: (inv) => ({
      kind: 'message',
      message: report(`admin=${inv.isAdmin} tz=${inv.userTimezone ?? 'none'}`),
      visibility: 'ephemeral',
      audience: 'requester',
      shareable: false,
    }),
  };
  const registry: CommandRegistry = {
    subcommands: Object.keys(replies).map((name) => ({
      name,
      usage: `/codex ${name}`,
      description: `${name} command`,
      examples: [`/codex ${name}`],
      perUser: name === 'users' || name === 'export' || name === 'rank',
    })),
    dispatch: async (inv) => {
      invocations.push(inv);
      const [name = 'help', ...args] = inv.text.trim().split(/\s+/);
      const reply = replies[name];
      if (!reply) throw new CodexPulseError('usage_invalid', `Unknown command '${name}'. Try: /codex ping`);
      return reply(inv, args);
    },
  };
  return { registry, invocations, events, slow };
}

/** Renders by key: `text-*` → text, `url-*` → public URL, `local-*` → localhost URL, `broken` → throws. */
export async function renderChart(spec: ChartSpec): Promise<RenderedChart> {
  if (spec.key.startsWith('text')) return { kind: 'text', text: '▇▇▇▇ 42' };
  if (spec.key.startsWith('url'))
    return { kind: 'url', url: `https://quickchart.io/chart/render/${spec.key}` };
  if (spec.key.startsWith('local')) return { kind: 'url', url: `http://127.0.0.1:9999/${spec.key}.png` };
  if (spec.key === 'broken') throw new CodexPulseError('chart_render_failed', 'canvas exploded');
  return { kind: 'png', png: PNG, width: 1600, height: 800 };
}

export interface HarnessOptions {
  fake?: FakeSlackOptions;
  sharePoll?: SharePollPolicy;
  adminUserIds?: string[];
  adminUsergroupId?: string;
  homeView?: HomeViewBuilder;
  /** Where shareable answers are kept; default: this test file's embedded store (fileShareStore). */
  shares?: ShareStore;
  /** GET /readyz's check; default always ready. */
  ready?: () => Promise<void>;
  /** The store's alert rules: the alert buttons change them. */
  alertRules?: AlertStore;
  /** The store's subscriptions: the personal DM's Unsubscribe button ends one. */
  subscriptions?: SubscriptionStore;
  /** When a burst of requests is over (burst-gate.ts); default the real timer (a few ms per command). */
  quietTimer?: QuietTimer;
}

export type Harness = Awaited<ReturnType<typeof startEdge>>;

export async function startEdge(options: HarnessOptions = {}) {
  const fake: FakeSlack = await startFakeSlack(options.fake);
  fake.users.set(ALICE, { id: ALICE, name: 'alice', email: 'alice@example.com', tz: 'Europe/Paris' });
  fake.users.set(BOB, { id: BOB, name: 'bob', tz: 'America/New_York' });
  const clock = createManualClock(new Date('2026-01-15T12:00:00Z'));
  const logger = createMemoryLogger('debug');
  const test = createTestRegistry();
  const metrics = testMetrics();
  const edge: SlackApp = createSlackApp({
    quietTimer: options.quietTimer ?? systemQuietTimer,
    config: {
      signingSecret: SECRET,
      botToken: 'xoxb-test-token',
      apiUrl: fake.url,
      botId: 'B0FAKEBOT1',
      botUserId: 'U0FAKEBOT1',
      port: 0,
      host: '127.0.0.1',
      adminUserIds: options.adminUserIds ?? [],
      ...(options.adminUsergroupId ? { adminUsergroupId: options.adminUsergroupId } : {}),
      version: '9.9.9-test',
    },
    registry: test.registry,
    renderChart,
    clock,
    logger,
    shares: options.shares ?? fileShareStore(),
    metrics,
    // No store behind this edge unless a test brings one to probe: ready.
    ready: options.ready ?? (async () => {}),
    sharePoll: options.sharePoll ?? { attempts: 4, delayMs: 500 },
    ...(options.homeView ? { homeView: options.homeView } : {}),
    ...(options.alertRules ? { alertRules: options.alertRules } : {}),
    ...(options.subscriptions ? { subscriptions: options.subscriptions } : {}),
  });
  const { port } = await edge.start();
  const base = `http://127.0.0.1:${port}`;
  const events = `${base}/slack/events`;
  const send = (request: SignedRequest) => sendSigned(events, request);

  return {
    ...test,
    fake,
    edge,
    metrics,
    clock,
    logger,
    base,
    send,
    /** Sends `/codex {text}`; returns the HTTP ack and the response_url the answer will go to. */
    async slash(text: string, fields: { channel_id?: string; user_id?: string } = {}) {
      const responseUrl = fake.responseUrl();
      const res = await send(
        signedSlashCommand({ text, response_url: responseUrl, ...fields }, { secret: SECRET }),
      );
      const raw = await res.text();
      const ack = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      return { status: res.status, ack, responseUrl };
    },
    /** The first respond() post to `responseUrl` matching `predicate`. */
    answer(responseUrl: string, predicate: (body: Record<string, unknown>) => boolean = () => true) {
      return fake.waitForResponse((r) => r.url === responseUrl && predicate(r.body)).then((r) => r.body);
    },
    async mention(event: Record<string, unknown>) {
      const res = await send(
        signedEvent(
          { type: 'app_mention', user: ALICE, channel: GENERAL, team: 'T0FAKE0001', ...event },
          { secret: SECRET },
        ),
      );
      await res.text();
      return res.status;
    },
    async close() {
      await edge.stop();
      await fake.close();
    },
  };
}

/** Blocks of a recorded call or response body, typed loosely for assertions. */
export function blocksOf(body: Record<string, unknown>): Array<Record<string, any>> {
  return (body.blocks as Array<Record<string, any>> | undefined) ?? [];
}
