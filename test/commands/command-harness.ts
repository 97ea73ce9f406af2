/**
 * The command layer wired the way src/main.ts wires it, against real adapters: the Codex API simulator
 * on 127.0.0.1:0, the real Codex client and the real WorkspaceAnalytics, with a manual clock. No mocks.
 */

import { expect } from 'vitest';
import type { CommandInvocation, CommandRegistry, CommandReply } from '../../commands/command-types.js';
import { createCommandRegistry } from '../../commands/create-command-registry.js';
import type { ReportMessage } from '../../reports/blocks/report-message.js';
import { checkLimits } from '../../reports/limits/slack-limits.js';
import { createWorkspaceAnalytics } from '../../src/analytics/create-workspace-analytics.js';
import type { WorkspaceAnalytics } from '../../src/analytics/workspace-analytics.js';
import { createManualClock } from '../../src/clock.js';
import { type CodexClient, createCodexClient } from '../../src/codex/codex-client.js';
import { createSurfaceMapper } from '../../src/codex/surface-mapper.js';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/start-simulator.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { testMetrics } from '../helpers/test-metrics.js';

export const fixedNow = new Date('2026-11-24T10:00:00Z');

export interface CommandHarness {
  sim: RunningSimulator;
  client: CodexClient;
  analytics: WorkspaceAnalytics;
  registry: CommandRegistry;
  logger: ReturnType<typeof createMemoryLogger>;
  /** Dispatches `/codex {text}` as a member (or admin) whose Slack email is `email` (null = none). */
  run(text: string, who?: { isAdmin?: boolean; email?: string | null }): Promise<CommandReply>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  users?: number;
  seed?: string;
  /** The key the client sends; defaults to the simulator's. */
  apiKey?: string;
  maxRetries?: number;
}

export async function startCommandHarness(options: HarnessOptions = {}): Promise<CommandHarness> {
  const sim = await startSimulator({
    users: options.users ?? 300,
    seed: options.seed ?? 'cmd-tests',
    now: () => fixedNow,
  });
  const clock = createManualClock(fixedNow);
  const logger = createMemoryLogger('debug');
  const client = createCodexClient({
    baseUrl: sim.baseUrl,
    apiKey: options.apiKey ?? sim.apiKey,
    workspaceId: sim.workspaceId,
    clock,
    logger,
    metrics: testMetrics(),
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  });
  const analytics = createWorkspaceAnalytics({
    client,
    clock,
    logger,
    surfaceOf: createSurfaceMapper({}, logger),
    cacheTtlMs: 60_000,
    workspaceId: sim.workspaceId,
  });
  const registry = createCommandRegistry({ analytics, logger });
  return {
    sim,
    client,
    analytics,
    registry,
    logger,
    run: (text, who = {}) => registry.dispatch(invocation(text, who)),
    close: async () => {
      await client.close();
      await sim.close();
    },
  };
}

/** An invocation as the Slack edge builds it. */
export function invocation(
  text: string,
  who: { isAdmin?: boolean; email?: string | null } = {},
): CommandInvocation {
  return {
    text,
    userId: who.isAdmin ? 'U0ADMIN001' : 'U0MEMBER01',
    teamId: 'T0TEAM0001',
    channelId: 'C0GENERAL1',
    isAdmin: who.isAdmin ?? false,
    now: fixedNow,
    userTimezone: 'Europe/Paris',
    lookupEmail: async () => (who.email === undefined ? 'nobody@example.com' : who.email),
  };
}

/** The reply's message, failing the test when it is another kind. */
export function messageOf(reply: CommandReply): ReportMessage {
  if (reply.kind !== 'message') throw new Error(`expected a message reply, got ${reply.kind}`);
  return reply.message;
}

/** Narrows to a file reply, failing the test otherwise. */
export function fileOf(reply: CommandReply): Extract<CommandReply, { kind: 'file' }> {
  if (reply.kind !== 'file') throw new Error(`expected a file reply, got ${reply.kind}`);
  return reply;
}

/** Every message of a reply is within Slack's limits. */
export function expectReplyWithinLimits(reply: CommandReply): void {
  const messages =
    reply.kind === 'message'
      ? [reply.message]
      : reply.kind === 'thread'
        ? [reply.report.parent, ...reply.report.replies]
        : [reply.comment];
  for (const message of messages) expect(checkLimits(message)).toEqual([]);
}
