/**
 * The real Bolt app over a registry of test handlers (one per first word; names starting with `pure`
 * are pure, so identical questions share one computation), the fake Slack and a manual clock: what the
 * answer-flow tests drive with signed slash commands.
 */
import { expect } from 'vitest';
import type { CommandInvocation, CommandRegistry, CommandReply } from '../../commands/command-types.js';
import { createManualClock } from '../../src/clock.js';
import { type FakeSlack, startFakeSlack } from '../../src/dev/fake-slack/fake-slack.js';
import { systemQuietTimer } from '../../src/slack/quiet-timer.js';
import { createSlackApp, type SlackApp } from '../../src/slack/slack-app.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { sendSigned, signedSlashCommand } from '../helpers/slack-signing.js';
import { testMetrics } from '../helpers/test-metrics.js';
import { fileShareStore } from '../helpers/test-share-store.js';
import { report, SECRET } from './edge-harness.js';

export type Handler = (inv: CommandInvocation) => Promise<CommandReply>;

export const answerOf = (title: string): CommandReply => ({
  kind: 'message',
  message: report(title),
  visibility: 'ephemeral',
  audience: 'requester',
  shareable: false,
});

export async function startAnswerFlow(
  handlers: Record<string, Handler>,
  options: { concurrency?: number } = {},
) {
  const fake: FakeSlack = await startFakeSlack();
  const clock = createManualClock(new Date('2026-01-15T12:00:00Z'));
  const logger = createMemoryLogger('debug');
  const dispatched: string[] = [];
  const registry: CommandRegistry = {
    subcommands: Object.keys(handlers).map((name) => ({
      name,
      usage: `/codex ${name}`,
      description: name,
      examples: [],
      perUser: false,
      pure: name.startsWith('pure'),
    })),
    dispatch: async (inv) => {
      dispatched.push(inv.text);
      const handler = handlers[inv.text.trim().split(/\s+/)[0] ?? ''];
      if (!handler) throw new Error(`no handler for ${inv.text}`);
      return handler(inv);
    },
  };
  const edge: SlackApp = createSlackApp({
    quietTimer: systemQuietTimer,
    config: {
      signingSecret: SECRET,
      botToken: 'xoxb-test-token',
      apiUrl: fake.url,
      botId: 'B0FAKEBOT1',
      botUserId: 'U0FAKEBOT1',
      port: 0,
      host: '127.0.0.1',
      adminUserIds: [],
      answerDeadlineMs: 10_000,
      answerConcurrency: options.concurrency ?? 2,
    },
    registry,
    renderChart: async () => ({ kind: 'text', text: '▇' }),
    clock,
    logger,
    shares: fileShareStore(),
    metrics: testMetrics(),
    ready: async () => {},
  });
  const { port } = await edge.start();
  const events = `http://127.0.0.1:${port}/slack/events`;
  return {
    fake,
    clock,
    logger,
    dispatched,
    events,
    /** Sends `/codex {text}` as `user`; resolves after the ack with the answer still to come. */
    /** Sends `/codex {text}` as `user`; resolves after the ack with the answer still to come. */
    async slash(text: string, user = 'U0ALICE001') {
      const responseUrl = fake.responseUrl();
      const answer = fake
        .waitForResponse((r) => r.url === responseUrl && r.body.replace_original === true)
        .then((r) => r.body);
      const res = await sendSigned(
        events,
        signedSlashCommand({ text, response_url: responseUrl, user_id: user }, { secret: SECRET }),
      );
      await res.text();
      expect(res.status).toBe(200);
      return answer;
    },
    async close() {
      await edge.stop();
      await fake.close();
    },
  };
}
