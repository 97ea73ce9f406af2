/**
 * The command layer wired the way src/main/ wires it, against real adapters: the Codex API simulator
 * on 127.0.0.1:0, the real WorkspaceAnalytics over a real embedded warehouse (DuckDB in a temp DATA_DIR,
 * opened by src/main/open-composition.ts) that the first question tops up through the real sync job,
 * with a manual clock. No mocks.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect } from 'vitest';
import type { CommandInvocation, CommandRegistry, CommandReply } from '../../commands/command-types.js';
import { createCommandRegistry } from '../../commands/create-command-registry.js';
import type { ReportMessage } from '../../reports/blocks/report-message.js';
import { checkLimits } from '../../reports/limits/slack-limits.js';
import type { WorkspaceAnalytics } from '../../src/analytics/workspace-analytics.js';
import { createManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/env.js';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/start-simulator.js';
import type { Composition } from '../../src/main/compose.js';
import { openComposition } from '../../src/main/open-composition.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';

export const fixedNow = new Date('2026-11-24T10:00:00Z');

export interface CommandHarness {
  sim: RunningSimulator;
  analytics: WorkspaceAnalytics;
  /** The composition the analytics belong to: its warehouse and sync job (`c.sync`). */
  c: Composition;
  registry: CommandRegistry;
  /** The manual clock every part runs on (fixedNow at start). */
  clock: ReturnType<typeof createManualClock>;
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
  /** Spikes and drops the simulator injects (see SimulatorOptions.dayFactors). */
  dayFactors?: readonly { day: string; factor: number }[];
}

export async function startCommandHarness(options: HarnessOptions = {}): Promise<CommandHarness> {
  const sim = await startSimulator({
    users: options.users ?? 300,
    seed: options.seed ?? 'cmd-tests',
    now: () => fixedNow,
    ...(options.dayFactors === undefined ? {} : { dayFactors: options.dayFactors }),
  });
  const clock = createManualClock(fixedNow);
  const logger = createMemoryLogger('debug');
  const dataDir = await mkdtemp(join(tmpdir(), 'codex-pulse-commands-'));
  const config = loadConfig({
    CODEX_API_BASE_URL: sim.baseUrl,
    CODEX_API_KEY: options.apiKey ?? sim.apiKey,
    CODEX_WORKSPACE_ID: sim.workspaceId,
    ...(options.maxRetries === undefined ? {} : { CODEX_API_MAX_RETRIES: String(options.maxRetries) }),
    CACHE_TTL_SECONDS: '60',
    DATA_DIR: dataDir,
    WAREHOUSE_THREADS: '1',
  });
  const c = await openComposition(config, { clock, logger });
  const { analytics } = c;
  const registry = createCommandRegistry({ analytics, logger, alerts: { history: c.alertHistory } });
  return {
    sim,
    analytics,
    c,
    registry,
    clock,
    logger,
    run: (text, who = {}) => registry.dispatch(invocation(text, who)),
    close: async () => {
      await c.close();
      await sim.close();
      await rm(dataDir, { recursive: true, force: true });
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
